using Google.Protobuf;
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

    // IR version 7 is the one of opset 13 (ONNX 1.8), so that runtimes as old as that opset read the file.
    private const long IrVersion = 7;

    /// <summary>Writes the model to <paramref name="path"/> atomically: a failure leaves whatever was there untouched.</summary>
    /// <param name="model">Dense, batch normalization and dropout layers; others throw <see cref="NotSupportedException"/> naming the layer.</param>
    /// <param name="path">The <c>.onnx</c> file to write.</param>
    /// <param name="withProbabilities">Adds the output <c>probabilities</c>, the softmax of the logits.</param>
    public static void Save(Sequential model, string path, bool withProbabilities = false)
    {
        var proto = ToProto(model, withProbabilities);
        AtomicFile.Write(path, stream => proto.WriteTo(stream));
    }

    /// <summary>The model as the bytes of an ONNX file, e.g. to hand to an <c>InferenceSession</c> in memory.</summary>
    public static byte[] ToBytes(Sequential model, bool withProbabilities = false) => ToProto(model, withProbabilities).ToByteArray();

    internal static ModelProto ToProto(Sequential model, bool withProbabilities)
    {
        var graph = new GraphProto { Name = "hebb", DocString = model.ToString() };
        int width = model.InputWidth ?? throw new NotSupportedException("ONNX export: no layer of the model fixes the width of its input rows");
        graph.Input.Add(BatchOf(InputName, width));
        // Dropout is the identity in evaluation, which is what an exported model runs.
        var layers = model.Layers.Where(layer => layer is not Dropout).ToList();
        if (layers.Count == 0) throw new NotSupportedException("ONNX export: the model has no layer but dropout");
        string current = InputName;
        for (int i = 0; i < layers.Count; i++)
        {
            string output = i == layers.Count - 1 ? LogitsName : $"{layers[i].Name}/outputs";
            current = layers[i] switch
            {
                Dense dense => AddDense(graph, dense, current, output),
                BatchNorm norm => AddBatchNorm(graph, norm, current, output),
                var other => throw new NotSupportedException($"ONNX export: layer '{other.Name}' is a {other.GetType().Name}; Hebb exports dense, batch normalization and dropout layers"),
            };
            width = ((IKernelLayer)layers[i]).OutputWidth(width);
        }
        graph.Output.Add(BatchOf(LogitsName, width));
        if (withProbabilities)
        {
            graph.Node.Add(OnnxNodes.Node("Softmax", $"{ProbabilitiesName}/Softmax", [LogitsName], ProbabilitiesName, OnnxNodes.Attribute("axis", 1)));
            graph.Output.Add(BatchOf(ProbabilitiesName, width));
        }
        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Hebb",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "",
            Graph = graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return proto;
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

    private static ValueInfoProto BatchOf(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
