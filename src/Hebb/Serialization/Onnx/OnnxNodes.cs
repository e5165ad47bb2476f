using Google.Protobuf;
using Onnx;

namespace Hebb.Serialization.Onnx;

/// <summary>Builds ONNX nodes and their attributes, and reads attributes back with the operator's defaults.</summary>
internal static class OnnxNodes
{
    public static NodeProto Node(string operatorType, string name, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = operatorType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attribute(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Attribute(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Attribute(string name, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return attribute;
    }

    /// <summary>A node of the ONNX-ML operator set (<see cref="MlDomain"/>): OneHotEncoder, LabelEncoder.</summary>
    public static NodeProto MlNode(string operatorType, string name, string input, string output, params AttributeProto[] attributes)
    {
        var node = Node(operatorType, name, [input], output, attributes);
        node.Domain = MlDomain;
        return node;
    }

    /// <summary>The domain of ONNX's classical machine-learning operators.</summary>
    public const string MlDomain = "ai.onnx.ml";

    /// <summary>Describes a node as errors name it, <c>node '/0/Gemm' (Gemm)</c>, its text from the file escaped and cut.</summary>
    public static string Describe(NodeProto node) => $"node '{InvalidFileException.Echo(node.Name)}' ({InvalidFileException.Echo(node.OpType)})";

    public static long Int(NodeProto node, string name, long fallback, string path) =>
        Find(node, name, AttributeProto.Types.AttributeType.Int, path)?.I ?? fallback;

    public static float Float(NodeProto node, string name, float fallback, string path) =>
        Find(node, name, AttributeProto.Types.AttributeType.Float, path)?.F ?? fallback;

    private static AttributeProto? Find(NodeProto node, string name, AttributeProto.Types.AttributeType type, string path)
    {
        var attribute = node.Attribute.FirstOrDefault(a => a.Name == name);
        if (attribute is not null && attribute.Type != type)
            throw new InvalidFileException(path, $"{Describe(node)} attribute '{name}'", $"expected type {type}, found {attribute.Type}");
        return attribute;
    }
}
