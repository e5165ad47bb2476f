using Google.Protobuf;
using Hebb.Data.Tables;
using Hebb.Layers;
using Onnx;

namespace Hebb.Serialization.Onnx;

/// <summary>
/// Reads a multilayer perceptron from an ONNX file, as <c>torch.onnx.export</c> writes one: a chain of
/// <c>Gemm</c> (either weight layout) or <c>MatMul</c> + <c>Add</c> nodes and <c>BatchNormalization</c> (in
/// inference mode, over its running statistics), each optionally followed by
/// <c>Relu</c>, <c>LeakyRelu</c>, <c>Elu</c>, <c>Tanh</c>, <c>Sigmoid</c>, <c>Softmax</c> or <c>LogSoftmax</c>,
/// with <c>Identity</c> and <c>Flatten</c> (of the input, to [batch, features]) passed through. A softmax or
/// log-softmax at the very end is left out: a Hebb model ends in logits and its loss applies the softmax, so
/// the imported model predicts the same classes and trains further as any Hebb model. Any other operator, or
/// a graph that is not one chain from one input to one output, is an <see cref="InvalidFileException"/> naming
/// the node and its operator.
/// </summary>
public static class OnnxImport
{
    /// <summary>ONNX files are protobuf messages, which cannot exceed 2 GiB.</summary>
    private const long MaximumFileBytes = int.MaxValue;

    /// <summary>Reads the model in <paramref name="path"/>; its layers are named as Hebb names them (hidden1, …, outputs).</summary>
    public static OnnxImportResult Load(string path) => Load(ReadFile(path), path);

    /// <param name="bytes">The ONNX file's bytes.</param>
    /// <param name="path">Names the file in messages.</param>
    internal static OnnxImportResult Load(byte[] bytes, string path)
    {
        var proto = Parse(bytes, path);
        if (proto.MetadataProps.Any(entry => entry.Key == TableSchema.Key))
            throw new InvalidFileException(path, $"metadata_props '{TableSchema.Key}'",
                "expected a network over one [batch, features] input, found a table model's export (its inputs the table's columns, its preprocessing ONNX nodes); use the Hebb model file it was exported from");
        var graph = proto.Graph
            ?? throw new InvalidFileException(path, "graph", "expected a graph, found none");
        var initializers = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var initializer in graph.Initializer)
            if (!initializers.TryAdd(initializer.Name, initializer))
                throw new InvalidFileException(path, $"initializer '{InvalidFileException.Echo(initializer.Name)}'", "expected each initializer name once, found it twice");
        // Older exporters list the initializers among the inputs too; the data input is the one that is not one.
        var inputs = graph.Input.Where(input => !initializers.ContainsKey(input.Name)).ToList();
        if (inputs.Count != 1)
            throw new InvalidFileException(path, "graph inputs", $"expected one input (a batch of feature rows), found {inputs.Count}");

        var builder = new OnnxChainBuilder(path, initializers, FeaturesOf(inputs[0], path), RankOf(inputs[0]) > 2);
        string current = inputs[0].Name;
        foreach (var node in graph.Node)
        {
            if (!OnnxChainBuilder.Operators.Contains(node.OpType) || node.Domain.Length > 0)
                throw new InvalidFileException(path, OnnxNodes.Describe(node),
                    $"unsupported operator; expected one of {string.Join(", ", OnnxChainBuilder.Operators)} (a multilayer perceptron)");
            var dataInputs = node.Input.Where(name => name.Length > 0 && !initializers.ContainsKey(name)).ToList();
            if (dataInputs.Count != 1 || dataInputs[0] != current || node.Output.Count == 0)
                throw new InvalidFileException(path, OnnxNodes.Describe(node),
                    $"expected one input, the output '{InvalidFileException.Echo(current)}' of the node before it (a chain of layers), found [{InvalidFileException.Echo(string.Join(", ", node.Input.Select(n => $"'{n}'")))}]");
            builder.Add(node);
            current = node.Output[0];
        }
        CheckOutputs(graph, current, path);
        return builder.Build();
    }

    // One output, the chain's end; or, as Hebb exports with probabilities, the logits and the softmax of them.
    private static void CheckOutputs(GraphProto graph, string end, string path)
    {
        var outputs = graph.Output.Select(output => output.Name).ToList();
        var last = graph.Node.LastOrDefault();
        bool logitsAndSoftmax = outputs.Count == 2 && outputs[1] == end && last is { OpType: "Softmax" or "LogSoftmax" } && outputs[0] == last.Input[0];
        if (!logitsAndSoftmax && (outputs.Count != 1 || outputs[0] != end))
            throw new InvalidFileException(path, "graph outputs",
                $"expected one output, '{InvalidFileException.Echo(end)}' of the last node (or the logits and their softmax), found [{InvalidFileException.Echo(string.Join(", ", outputs.Select(name => $"'{name}'")))}]");
    }

    private static byte[] ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > MaximumFileBytes)
            throw new InvalidFileException(path, "size", $"expected at most {MaximumFileBytes} bytes (an ONNX file is one protobuf message), found {stream.Length}");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static ModelProto Parse(byte[] bytes, string path)
    {
        // Parsing from memory checks every length-delimited field against the bytes that are there.
        try { return ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException error)
        {
            throw new InvalidFileException(path, "model", $"expected an ONNX model (a ModelProto message), {InvalidFileException.Echo(error.Message)}", error);
        }
    }

    private static int RankOf(ValueInfoProto input) => input.Type?.TensorType?.Shape?.Dim.Count ?? 2;

    /// <summary>The width of each input row: the product of the dimensions after the batch, when the file gives them.</summary>
    private static int? FeaturesOf(ValueInfoProto input, string path)
    {
        var tensor = input.Type?.TensorType;
        if (tensor is null) return null;
        if (tensor.ElemType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidFileException(path, $"input '{InvalidFileException.Echo(input.Name)}' elem_type", $"expected 1 (float32), found {tensor.ElemType}");
        var dims = tensor.Shape?.Dim;
        if (dims is null || dims.Count < 2 || dims.Skip(1).Any(dim => dim.ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue))
            return null;
        long features = dims.Skip(1).Aggregate(1L, (product, dim) => Math.Min(product * Math.Max(dim.DimValue, 0), int.MaxValue));
        return features is >= 1 and < int.MaxValue
            ? (int)features
            : throw new InvalidFileException(path, $"input '{InvalidFileException.Echo(input.Name)}' shape", $"expected a positive number of features, found {features}");
    }
}
