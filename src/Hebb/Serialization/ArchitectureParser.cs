using System.Text.Json;

namespace Hebb.Serialization;

/// <summary>
/// Reads a model file's <c>hebb.architecture</c>, the JSON list of <see cref="LayerRecord"/>s that
/// <see cref="ModelFileJson"/> writes, through the <see cref="JsonDocument"/> the safetensors header was already read
/// with. The serializer would do the same in one line, but its first use costs a one-shot <c>hebb predict</c> about
/// 25 ms of start-up, compiling its generic code at run time (it cannot be compiled ahead of time outside
/// System.Text.Json); the whole prediction takes a few milliseconds more than that.
/// Every field is required but a dropout layer's <c>rate</c>, keys are matched as the writer spells them, and any
/// other key is ignored, as the serializer ignores it.
/// </summary>
internal static class ArchitectureParser
{
    public static List<LayerRecord> Parse(string path, string field, string json)
    {
        const string expected = "expected a JSON list of layers, each with name, type, inputs, outputs and activation";
        try
        {
            using var document = JsonDocument.Parse(json);
            var list = document.RootElement;
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                throw new InvalidFileException(path, field, $"{expected}, found {Describe(list)}");
            var records = new List<LayerRecord>(list.GetArrayLength());
            foreach (var layer in list.EnumerateArray())
                records.Add(Layer(layer, records.Count) ?? throw new InvalidFileException(path, field,
                    $"{expected}; layer {records.Count} is {JsonDescription.Of(layer)}"));
            return records;
        }
        catch (JsonException error)
        {
            throw new InvalidFileException(path, field, $"{expected}, {InvalidFileException.Echo(error.Message)}", error);
        }
        catch (FormatException error)
        {
            throw new InvalidFileException(path, field, $"{expected}; {InvalidFileException.Echo(error.Message)}", error);
        }
    }

    /// <summary>The layer, or null when <paramref name="layer"/> is not an object.</summary>
    private static LayerRecord? Layer(JsonElement layer, int index)
    {
        if (layer.ValueKind != JsonValueKind.Object) return null;
        float? rate = layer.TryGetProperty("rate", out var value) && value.ValueKind != JsonValueKind.Null
            ? (float)Number(value, index, "rate", element => element.TryGetSingle(out float number) ? number : null)
            : null;
        return new LayerRecord(Text(layer, index, "name"), Text(layer, index, "type"), Count(layer, index, "inputs"),
            Count(layer, index, "outputs"), Text(layer, index, "activation"), rate);
    }

    private static string Text(JsonElement layer, int index, string key)
    {
        var value = Required(layer, index, key);
        if (value.ValueKind != JsonValueKind.String)
            throw Wrong(index, key, "a string", value);
        // An escape that no string can hold (a lone UTF-16 surrogate) is valid JSON grammar but not text.
        try { return value.GetString()!; }
        catch (InvalidOperationException) { throw Wrong(index, key, "text", value); }
    }

    private static int Count(JsonElement layer, int index, string key) =>
        (int)Number(Required(layer, index, key), index, key, element => element.TryGetInt32(out int count) ? count : null);

    private static double Number(JsonElement value, int index, string key, Func<JsonElement, double?> read) =>
        value.ValueKind == JsonValueKind.Number && read(value) is double number ? number : throw Wrong(index, key, "a number", value);

    private static JsonElement Required(JsonElement layer, int index, string key) =>
        layer.TryGetProperty(key, out var value) ? value : throw new FormatException($"layer {index} has no '{key}'");

    private static FormatException Wrong(int index, string key, string expected, JsonElement found) =>
        new($"layer {index} '{key}': expected {expected}, found {JsonDescription.Of(found)}");

    private static string Describe(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? "an empty list" : JsonDescription.Of(value);
}
