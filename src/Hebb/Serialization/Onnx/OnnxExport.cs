using Google.Protobuf;
using Hebb.Data;
using Hebb.Data.Tables;
using Hebb.Layers;
using Hebb.Tensors;
using Onnx;

namespace Hebb.Serialization.Onnx;

/// <summary>
/// Writes a <see cref="Sequential"/> of dense, batch normalization and dropout layers as an ONNX model (opset 13) that ONNX Runtime, ML.NET or
/// PyTorch can run: one input <c>inputs</c> [batch, features] with a symbolic batch dimension, one output
/// <c>logits</c> [batch, classes], and with <c>probabilities</c> a second output, the softmax of the logits.
/// Each dense layer is a <c>Gemm</c> node named from its scope (<c>hidden1/Gemm</c>) over the initializers
/// <c>hidden1/weights</c> [inputs, outputs] and <c>hidden1/biases</c>, followed by its activation's nodes
/// (<see cref="OnnxActivations"/>). A batch normalization layer is a <c>BatchNormalization</c> node over its γ, β
/// and running statistics (<c>hidden1_batch_norm/gamma</c>, …, ε = 1e-5), as evaluation computes it; dropout,
/// the identity in evaluation, is left out.
/// <para>A model trained on a table, exported with its <see cref="TableSchema"/>, carries its preprocessing as ONNX nodes and
/// takes the raw columns: one input per feature column, named as it (float32 [batch, 1] for a number, string [batch, 1] for
/// text; <see cref="OnnxTableInputs"/>), and gives <c>predicted</c> [batch, 1], the value in the target's units or the class
/// name, after the logits of a classifier (<see cref="OnnxTableOutputs"/>). The schema's JSON is kept in the file's
/// metadata as <c>hebb.table</c>.</para>
/// </summary>
public static class OnnxExport
{
    /// <summary>The operator set the exported graph declares: the first with Softmax over one axis.</summary>
    public const int Opset = 13;

    /// <summary>The graph's input: a batch of feature rows.</summary>
    public const string InputName = "inputs";

    /// <summary>The graph's first output: the last layer's outputs.</summary>
    public const string LogitsName = "logits";

    /// <summary>The optional second output: softmax of the logits along the class axis.</summary>
    public const string ProbabilitiesName = "probabilities";

    /// <summary>A table model's last output: the class name (string) or the value in the target's units (float32), [batch, 1].</summary>
    public const string PredictedName = "predicted";

    /// <summary>The version of the ONNX-ML operator set (<c>ai.onnx.ml</c>) a table model's file declares: the first with
    /// LabelEncoder's keys and values of any type.</summary>
    public const int MlOpset = 2;

    // IR version 7 is the one of opset 13 (ONNX 1.8), so that runtimes as old as that opset read the file.
    private const long IrVersion = 7;

    /// <summary>Writes the model to <paramref name="path"/> atomically: a failure leaves whatever was there untouched.</summary>
    /// <param name="model">Dense, batch normalization and dropout layers; others throw <see cref="NotSupportedException"/> naming the layer.</param>
    /// <param name="path">The <c>.onnx</c> file to write.</param>
    /// <param name="withProbabilities">Adds the output <c>probabilities</c>, the softmax of the logits.</param>
    /// <param name="table">The preprocessing of a model trained on a table (<see cref="SavedModel.Table"/>), exported with it;
    /// null for a model whose inputs are feature rows.</param>
    /// <exception cref="NotSupportedException">Something the file cannot represent: a layer, probabilities of a regression,
    /// a column named as a value of the graph; the message names it.</exception>
    public static void Save(Sequential model, string path, bool withProbabilities = false, TableSchema? table = null)
    {
        var proto = ToProto(model, withProbabilities, table);
        AtomicFile.Write(path, stream => proto.WriteTo(stream));
    }

    /// <summary>The model as the bytes of an ONNX file, e.g. to hand to an <c>InferenceSession</c> in memory.</summary>
    /// <param name="model">The network.</param>
    /// <param name="withProbabilities">Adds the output <c>probabilities</c>, the softmax of the logits.</param>
    /// <param name="table">A table model's preprocessing, as for <see cref="Save"/>.</param>
    public static byte[] ToBytes(Sequential model, bool withProbabilities = false, TableSchema? table = null) =>
        ToProto(model, withProbabilities, table).ToByteArray();

    /// <summary>The names of the exported model's inputs: <c>inputs</c>, or a table's feature columns in order.</summary>
    public static IReadOnlyList<string> InputNames(TableSchema? table) =>
        table is null ? [InputName] : table.Features.Select(feature => feature.Name).ToArray();

    /// <summary>The names of the exported model's outputs, in order.</summary>
    public static IReadOnlyList<string> OutputNames(bool withProbabilities, TableSchema? table)
    {
        if (table?.Target.Task == LearningTask.Regression) return [PredictedName];
        var names = new List<string> { LogitsName };
        if (withProbabilities) names.Add(ProbabilitiesName);
        if (table is not null) names.Add(PredictedName);
        return names;
    }

    internal static ModelProto ToProto(Sequential model, bool withProbabilities, TableSchema? table = null)
    {
        bool regression = table?.Target.Task == LearningTask.Regression;
        if (regression && withProbabilities)
            throw new NotSupportedException($"ONNX export: the model is a regression of '{table!.Target.Name}', which has no probabilities");
        var graph = new GraphProto { Name = "hebb", DocString = model.ToString() };
        int width = model.InputWidth ?? throw new NotSupportedException("ONNX export: no layer of the model fixes the width of its input rows");
        if (table is not null && table.FeatureWidth != width)
            throw new ArgumentException($"the table's features encode to {table.FeatureWidth} inputs, the model takes {width}", nameof(table));
        string current = InputName;
        if (table is null) graph.Input.Add(OnnxValues.BatchOf(InputName, width));
        else current = OnnxTableInputs.Add(graph, table);
        // Dropout is the identity in evaluation, which is what an exported model runs.
        var layers = model.Layers.Where(layer => layer is not Dropout).ToList();
        if (layers.Count == 0) throw new NotSupportedException("ONNX export: the model has no layer but dropout");
        string modelOutput = regression ? OnnxTableOutputs.StandardizedName : LogitsName;
        for (int i = 0; i < layers.Count; i++)
        {
            string output = i == layers.Count - 1 ? modelOutput : $"{layers[i].Name}/outputs";
            current = layers[i] switch
            {
                Dense dense => AddDense(graph, dense, current, output),
                BatchNorm norm => AddBatchNorm(graph, norm, current, output),
                var other => throw new NotSupportedException($"ONNX export: layer '{other.Name}' is a {other.GetType().Name}; Hebb exports dense, batch normalization and dropout layers"),
            };
            width = ((IKernelLayer)layers[i]).OutputWidth(width);
        }
        if (!regression) graph.Output.Add(OnnxValues.BatchOf(LogitsName, width));
        if (withProbabilities)
        {
            graph.Node.Add(OnnxNodes.Node("Softmax", $"{ProbabilitiesName}/Softmax", [LogitsName], ProbabilitiesName, OnnxNodes.Attribute("axis", 1)));
            graph.Output.Add(OnnxValues.BatchOf(ProbabilitiesName, width));
        }
        if (table is not null)
        {
            OnnxTableOutputs.Add(graph, table, modelOutput);
            CheckColumnNames(graph, table);
        }
        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Hebb",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "",
            Graph = graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        if (graph.Node.Any(node => node.Domain == OnnxNodes.MlDomain))
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxNodes.MlDomain, Version = MlOpset });
        if (table is not null) proto.MetadataProps.Add(new StringStringEntryProto { Key = TableSchema.Key, Value = table.ToJson() });
        return proto;
    }

    /// <summary>An input is named as its column, so a column named as a value the graph computes (<c>logits</c>,
    /// <c>hidden1/outputs</c>, <c>table/…</c>) would be two values of one name, which ONNX forbids.</summary>
    private static void CheckColumnNames(GraphProto graph, TableSchema table)
    {
        var computed = graph.Node.SelectMany(node => node.Output).Concat(graph.Initializer.Select(tensor => tensor.Name)).ToHashSet(StringComparer.Ordinal);
        if (table.Features.FirstOrDefault(feature => computed.Contains(feature.Name)) is { } clash)
            throw new NotSupportedException($"ONNX export: column '{InvalidFileException.Echo(clash.Name)}' is named as a value the exported graph computes; rename the column and train again");
    }

    private static string AddDense(GraphProto graph, Dense layer, string input, string output)
    {
        string weights = $"{layer.Name}/weights", biases = $"{layer.Name}/biases";
        graph.Initializer.Add(OnnxTensors.FromTensor(weights, layer.Weights));
        graph.Initializer.Add(OnnxTensors.FromTensor(biases, layer.Biases));
        return AddWithActivation(graph, layer.Activation, layer.Name, output,
            z => OnnxNodes.Node("Gemm", $"{layer.Name}/Gemm", [input, weights, biases], z));
    }

    /// <summary>Batch normalization as evaluation runs it: ONNX's BatchNormalization over the running statistics, with
    /// Hebb's ε, then the layer's activation.</summary>
    private static string AddBatchNorm(GraphProto graph, BatchNorm layer, string input, string output)
    {
        string[] names = [input, $"{layer.Name}/gamma", $"{layer.Name}/beta", $"{layer.Name}/running_mean", $"{layer.Name}/running_var"];
        Tensor[] values = [layer.Gamma, layer.Beta, layer.RunningMean, layer.RunningVariance];
        for (int i = 0; i < values.Length; i++) graph.Initializer.Add(OnnxTensors.FromTensor(names[i + 1], values[i]));
        return AddWithActivation(graph, layer.Activation, layer.Name, output,
            z => OnnxNodes.Node("BatchNormalization", $"{layer.Name}/BatchNormalization", names, z, OnnxNodes.Attribute("epsilon", BatchNorm.Epsilon)));
    }

    /// <summary>The layer's node, writing <paramref name="output"/> directly when the activation is the identity,
    /// else <c>scope/z</c> followed by the activation's nodes.</summary>
    private static string AddWithActivation(GraphProto graph, Activations.Activation activation, string scope, string output, Func<string, NodeProto> node)
    {
        bool linear = activation == Activations.Activation.Identity;
        string z = linear ? output : $"{scope}/z";
        graph.Node.Add(node(z));
        if (!linear) OnnxActivations.Add(graph, activation, scope, z, output);
        return output;
    }
}
