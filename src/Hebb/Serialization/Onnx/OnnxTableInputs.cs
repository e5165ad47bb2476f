using System.Globalization;
using Hebb.Data.Tables;
using Hebb.Tensors;
using Onnx;
using static Hebb.Serialization.Onnx.OnnxNodes;

namespace Hebb.Serialization.Onnx;

/// <summary>
/// A table model's preprocessing as ONNX nodes in front of its first layer, so that the exported model takes the raw
/// columns, as scikit-learn-onnx exports a pipeline: one input per feature column, named as the column, a float32
/// [batch, 1] for a numeric one and a string [batch, 1] for a text one. A text column is one-hot encoded by ONNX-ML's
/// <c>OneHotEncoder</c> over the training categories (an unseen one fails the run, or gives all zeros under the
/// unknown-category policy ignore), after a <c>LabelEncoder</c> that maps the missing spellings to the fill category when
/// the missing-value policy fills; the columns are concatenated in the schema's order; a NaN in a numeric column with a
/// fill becomes its fill; then <c>Sub</c> the training means and <c>Div</c> the scales, as
/// <see cref="TableSchema.Encode(IReadOnlyDictionary{string, string}, Span{float})"/> computes them (text inputs less 0, over 1).
/// </summary>
internal static class OnnxTableInputs
{
    /// <summary>The standardized feature rows [batch, FeatureWidth] that the first layer reads.</summary>
    public const string FeaturesName = "table/features";

    /// <summary>Adds the inputs and the preprocessing to <paramref name="graph"/>; returns <see cref="FeaturesName"/>.</summary>
    public static string Add(GraphProto graph, TableSchema table)
    {
        var columns = new List<string>();
        foreach (var feature in table.Features)
        {
            graph.Input.Add(OnnxValues.BatchOf(feature.Name, 1,
                feature.Numeric ? TensorProto.Types.DataType.Float : TensorProto.Types.DataType.String));
            columns.Add(feature.Numeric ? feature.Name : AddOneHot(graph, feature, table.Unknown));
        }
        string raw = "table/concatenated";
        graph.Node.Add(Node("Concat", "table/Concat", columns, raw, Attribute("axis", 1)));

        var (means, scales, fills) = (new List<float>(), new List<float>(), new List<float>());
        foreach (var feature in table.Features)
            for (int i = 0; i < feature.Width; i++)
            {
                means.Add((float)feature.Mean);
                scales.Add((float)feature.Scale);
                // A one-hot input is never NaN; a numeric one without a fill stays NaN, as its NaN fill keeps it.
                fills.Add(feature.Numeric && feature.Fill is not null ? float.Parse(feature.Fill, CultureInfo.InvariantCulture) : float.NaN);
            }
        if (fills.Any(fill => !float.IsNaN(fill)))
        {
            graph.Initializer.Add(Vector("table/fills", fills));
            graph.Node.Add(Node("IsNaN", "table/IsNaN", [raw], "table/missing"));
            graph.Node.Add(Node("Where", "table/Where", ["table/missing", "table/fills", raw], "table/filled"));
            raw = "table/filled";
        }
        graph.Initializer.Add(Vector("table/means", means));
        graph.Initializer.Add(Vector("table/scales", scales));
        graph.Node.Add(Node("Sub", "table/Sub", [raw, "table/means"], "table/centred"));
        graph.Node.Add(Node("Div", "table/Div", ["table/centred", "table/scales"], FeaturesName));
        return FeaturesName;
    }

    /// <summary>A text column's one-hot block [batch, categories]; returns its name.</summary>
    private static string AddOneHot(GraphProto graph, FeatureColumn feature, UnknownPolicy unknown)
    {
        string scope = $"table/{feature.Name}", input = feature.Name;
        if (feature.Fill is string fill)
        {
            // LabelEncoder maps every key it has and nothing else, so the categories map to themselves, the missing
            // spellings to the fill, and anything else to a name that is no category, which OneHotEncoder treats as unseen.
            var keys = feature.Categories.Concat(MissingSpellings()).ToList();
            var values = feature.Categories.Concat(Enumerable.Repeat(fill, keys.Count - feature.Categories.Length));
            graph.Node.Add(MlNode("LabelEncoder", $"{scope}/LabelEncoder", input, $"{scope}/filled",
                Attribute("keys_strings", keys), Attribute("values_strings", values), Attribute("default_string", NoCategory(feature.Categories))));
            input = $"{scope}/filled";
        }
        graph.Node.Add(MlNode("OneHotEncoder", $"{scope}/OneHotEncoder", input, $"{scope}/one_hot",
            Attribute("cats_strings", feature.Categories), Attribute("zeros", unknown == UnknownPolicy.Ignore ? 1L : 0L)));
        // ONNX's shape inference gives OneHotEncoder's output no type (onnx 1.12), so that a strict checker stops at the
        // next node; declared, every value after it is typed.
        graph.ValueInfo.Add(OnnxValues.BatchOf($"{scope}/one_hot", TensorProto.Types.DataType.Float, 1, feature.Categories.Length));
        // OneHotEncoder adds an axis, [batch, 1, categories]; the block is [batch, categories].
        graph.Node.Add(Node("Flatten", $"{scope}/Flatten", [$"{scope}/one_hot"], $"{scope}/encoded", Attribute("axis", 1)));
        return $"{scope}/encoded";
    }

    /// <summary>Every spelling <see cref="MissingValues.IsMissing"/> accepts: empty, and NA, NaN and null in any case.</summary>
    internal static IEnumerable<string> MissingSpellings()
    {
        yield return "";
        foreach (string word in new[] { "na", "nan", "null" })
            for (int mask = 0; mask < 1 << word.Length; mask++)
                yield return string.Concat(word.Select((letter, i) => (mask >> i & 1) == 1 ? char.ToUpperInvariant(letter) : letter));
    }

    private static string NoCategory(string[] categories)
    {
        string name = "<unknown>";
        while (Array.BinarySearch(categories, name, StringComparer.Ordinal) >= 0) name += "'";
        return name;
    }

    private static TensorProto Vector(string name, List<float> values) => OnnxTensors.FromTensor(name, new Tensor([.. values], [values.Count]));
}
