using Google.Protobuf;
using Hebb.Layers;
using Onnx;

namespace Hebb.Serialization.Onnx;

/// <summary>
/// Writes a <see cref="Sequential"/> of dense layers as an ONNX model (opset 13) that ONNX Runtime, ML.NET or
/// PyTorch can run: one input <c>inputs</c> [batch, features] with a symbolic batch dimension, one output
/// <c>logits</c> [batch, classes], and with <c>probabilities</c> a second output, the softmax of the logits.
/// Each dense layer is a <c>Gemm</c> node named from its scope (<c>hidden1/Gemm</c>) over the initializers
/// <c>hidden1/weights</c> [inputs, outputs] and <c>hidden1/biases</c>, followed by its activation's nodes
/// (<see cref="OnnxActivations"/>).
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
    /// <param name="model">Dense layers only; other layers throw <see cref="NotSupportedException"/> naming the layer.</param>
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
        var layers = DenseLayers(model);
        graph.Input.Add(BatchOf(InputName, layers[0].Inputs));
        string current = InputName;
        for (int i = 0; i < layers.Count; i++)
            current = AddDense(graph, layers[i], current, i == layers.Count - 1 ? LogitsName : $"{layers[i].Name}/outputs");
        graph.Output.Add(BatchOf(LogitsName, layers[^1].Outputs));
        if (withProbabilities)
        {
            graph.Node.Add(OnnxNodes.Node("Softmax", $"{ProbabilitiesName}/Softmax", [LogitsName], ProbabilitiesName, OnnxNodes.Attribute("axis", 1)));
            graph.Output.Add(BatchOf(ProbabilitiesName, layers[^1].Outputs));
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
        bool linear = layer.Activation == Activations.Activation.Identity;
        string z = linear ? output : $"{layer.Name}/z";
        graph.Node.Add(OnnxNodes.Node("Gemm", $"{layer.Name}/Gemm", [input, weights, biases], z));
        if (!linear) OnnxActivations.Add(graph, layer.Activation, layer.Name, z, output);
        return output;
    }

    private static List<Dense> DenseLayers(Sequential model)
    {
        var other = model.Layers.FirstOrDefault(layer => layer is not Dense);
        if (other is not null)
            throw new NotSupportedException($"ONNX export: layer '{other.Name}' is a {other.GetType().Name}; Hebb exports dense layers");
        return model.Layers.Cast<Dense>().ToList();
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
