using Hebb.Data;
using Hebb.Data.Tables;
using Onnx;
using static Hebb.Serialization.Onnx.OnnxNodes;

namespace Hebb.Serialization.Onnx;

/// <summary>
/// A table model's outputs as <see cref="TableSchema.Decode"/> gives them: for a regression, the network's standardized
/// output back in the target's units (<c>Mul</c> by its scale, <c>Add</c> its mean) as <c>predicted</c> [batch, 1]; for
/// classes, besides the logits, the class name of the largest one (<c>ArgMax</c>, the first of equal ones, then ONNX-ML's
/// <c>LabelEncoder</c> from index to name) as <c>predicted</c>, a string [batch, 1].
/// </summary>
internal static class OnnxTableOutputs
{
    /// <summary>A regression network's own output, standardized, which <see cref="Add"/> turns into the target's units.</summary>
    public const string StandardizedName = "table/standardized";

    /// <summary>Adds the nodes from the network's output <paramref name="modelOutput"/> to <see cref="OnnxExport.PredictedName"/>
    /// and declares it.</summary>
    public static void Add(GraphProto graph, TableSchema table, string modelOutput)
    {
        var target = table.Target;
        if (target.Task == LearningTask.Regression)
        {
            graph.Initializer.Add(OnnxTensors.Scalar("table/target_scale", (float)target.Scale));
            graph.Initializer.Add(OnnxTensors.Scalar("table/target_mean", (float)target.Mean));
            graph.Node.Add(Node("Mul", "table/target/Mul", [modelOutput, "table/target_scale"], "table/target_scaled"));
            graph.Node.Add(Node("Add", "table/target/Add", ["table/target_scaled", "table/target_mean"], OnnxExport.PredictedName));
            graph.Output.Add(OnnxValues.BatchOf(OnnxExport.PredictedName, 1));
            return;
        }
        graph.Node.Add(Node("ArgMax", "table/target/ArgMax", [modelOutput], "table/class",
            Attribute("axis", 1), Attribute("keepdims", 1), Attribute("select_last_index", 0)));
        graph.Node.Add(MlNode("LabelEncoder", "table/target/LabelEncoder", "table/class", OnnxExport.PredictedName,
            Attribute("keys_int64s", Enumerable.Range(0, target.Classes.Length).Select(index => (long)index)),
            Attribute("values_strings", target.Classes), Attribute("default_string", "")));
        graph.Output.Add(OnnxValues.BatchOf(OnnxExport.PredictedName, 1, TensorProto.Types.DataType.String));
    }
}
