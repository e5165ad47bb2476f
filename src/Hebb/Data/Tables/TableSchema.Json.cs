using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hebb.Data.Tables;

public sealed partial record TableSchema
{
    /// <summary>The model file's metadata key of a table model's schema.</summary>
    public const string Key = "hebb.table";

    /// <summary>The schema as the JSON the model file keeps.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, TableSchemaJson.Default.TableSchema);

    /// <summary>Reads a schema saved by <see cref="ToJson"/> and checks it against the model it came with: every name,
    /// statistic and category well formed, as many features as the model has <paramref name="inputs"/> and as many classes
    /// (or one regression output) as it has <paramref name="outputs"/>.</summary>
    /// <exception cref="InvalidFileException">The entry is damaged: naming the file and the field.</exception>
    public static TableSchema FromJson(string json, string path, int inputs, int outputs)
    {
        const string field = $"__metadata__.{Key}";
        TableSchema? schema;
        try { schema = JsonSerializer.Deserialize(json, TableSchemaJson.Default.TableSchema); }
        catch (JsonException error) { throw new InvalidFileException(path, field, $"expected the table's schema as JSON, {InvalidFileException.Echo(error.Message)}"); }
        if (schema?.Target is null || schema.Features is null || schema.Features.Any(feature => feature?.Name is null || feature.Categories is null)
            || schema.Target.Name is null || schema.Target.Classes is null || schema.Target.Reason is null)
            throw new InvalidFileException(path, field, "expected a target and a list of features, each with its name and categories");
        if (Problem(schema, inputs, outputs) is string problem) throw new InvalidFileException(path, field, problem);
        return schema;
    }

    private static string? Problem(TableSchema schema, int inputs, int outputs)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { schema.Target.Name };
        foreach (var feature in schema.Features)
        {
            string what = $"feature '{InvalidFileException.Echo(feature.Name)}'";
            if (feature.Name.Length == 0 || !names.Add(feature.Name)) return $"{what}: expected a name of its own, not empty nor the target's nor another feature's";
            if (!double.IsFinite(feature.Mean) || !(feature.Scale > 0 && double.IsFinite(feature.Scale))) return $"{what}: expected a finite mean and a positive scale";
            if (feature.Numeric && feature.Fill is not null && !double.TryParse(feature.Fill, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return $"{what}: expected a number to fill missing cells, found '{InvalidFileException.Echo(feature.Fill)}'";
            if (!feature.Numeric && (feature.Categories.Length == 0 || !IsStrictlyOrdered(feature.Categories)))
                return $"{what}: expected its categories once each in ordinal order";
        }
        var target = schema.Target;
        if (target.Task == LearningTask.Classification && (target.Classes.Length < 2 || target.Classes.Distinct(StringComparer.Ordinal).Count() != target.Classes.Length))
            return $"target '{InvalidFileException.Echo(target.Name)}': expected two or more distinct classes";
        if (target.Task == LearningTask.Regression && (target.Classes.Length != 0 || !double.IsFinite(target.Mean) || !(target.Scale > 0 && double.IsFinite(target.Scale))))
            return $"target '{InvalidFileException.Echo(target.Name)}': expected no classes, a finite mean and a positive scale";
        if (schema.FeatureWidth != inputs) return $"expected features for the model's {inputs} inputs, found {schema.FeatureWidth}";
        if (target.Width != outputs) return $"expected a target for the model's {outputs} outputs, found {target.Width}";
        return null;
    }

    private static bool IsStrictlyOrdered(string[] values)
    {
        for (int i = 1; i < values.Length; i++)
            if (string.CompareOrdinal(values[i - 1], values[i]) >= 0) return false;
        return true;
    }
}

/// <summary>The schema's JSON, generated at compile time as the model file's other entries are.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(TableSchema))]
internal sealed partial class TableSchemaJson : JsonSerializerContext;
