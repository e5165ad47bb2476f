using Hebb.Activations;
using Onnx;

namespace Hebb.Serialization.Onnx;

/// <summary>
/// Hebb's activations as ONNX operators, both ways. Every one maps to one operator of opset 13 except the
/// step (heaviside), which ONNX lacks: it is exported exactly as <c>Cast(GreaterOrEqual(z, 0), float)</c>,
/// 1 where z ≥ 0 and 0 elsewhere (NaN included), as Hebb computes it.
/// </summary>
internal static class OnnxActivations
{
    /// <summary>The initializer holding the scalar 0 that the step compares against, shared by all its nodes.</summary>
    private const string ZeroName = "heaviside/zero";

    public static void Add(GraphProto graph, Activation activation, string scope, string input, string output)
    {
        switch (activation)
        {
            case Heaviside:
                if (graph.Initializer.All(tensor => tensor.Name != ZeroName))
                    graph.Initializer.Add(OnnxTensors.Scalar(ZeroName, 0f));
                string nonNegative = $"{scope}/z_nonnegative";
                graph.Node.Add(OnnxNodes.Node("GreaterOrEqual", $"{scope}/GreaterOrEqual", [input, ZeroName], nonNegative));
                graph.Node.Add(OnnxNodes.Node("Cast", $"{scope}/Cast", [nonNegative], output,
                    OnnxNodes.Attribute("to", (long)TensorProto.Types.DataType.Float)));
                break;
            case LeakyRelu leaky:
                graph.Node.Add(OnnxNodes.Node("LeakyRelu", $"{scope}/LeakyRelu", [input], output, OnnxNodes.Attribute("alpha", leaky.Slope)));
                break;
            case Elu elu:
                graph.Node.Add(OnnxNodes.Node("Elu", $"{scope}/Elu", [input], output, OnnxNodes.Attribute("alpha", elu.Alpha)));
                break;
            case Softmax or LogSoftmax:
                string softmax = activation is Softmax ? "Softmax" : "LogSoftmax";
                graph.Node.Add(OnnxNodes.Node(softmax, $"{scope}/{softmax}", [input], output, OnnxNodes.Attribute("axis", 1)));
                break;
            default:
                graph.Node.Add(OnnxNodes.Node(OperatorOf(activation), $"{scope}/{OperatorOf(activation)}", [input], output));
                break;
        }
    }

    private static string OperatorOf(Activation activation) => activation switch
    {
        Relu => "Relu",
        Tanh => "Tanh",
        Sigmoid => "Sigmoid",
        Identity => "Identity",
        _ => throw new NotSupportedException($"ONNX export: no ONNX operator for activation '{activation.Name}'"),
    };

    /// <summary>The activation an imported node computes, or null when the node is not an activation.</summary>
    public static Activation? Of(NodeProto node, string path) => node.OpType switch
    {
        "Relu" => Activation.Relu,
        "Tanh" => Activation.Tanh,
        "Sigmoid" => Activation.Sigmoid,
        "LeakyRelu" => WithDefault(node, path, "alpha", 0.01f, Activation.LeakyRelu),
        "Elu" => WithDefault(node, path, "alpha", 1f, Activation.Elu),
        "Softmax" => LastAxis(node, path, Activation.Softmax),
        "LogSoftmax" => LastAxis(node, path, Activation.LogSoftmax),
        _ => null,
    };

    // A model file records an activation by name, so it can keep only the default slope or alpha.
    private static Activation WithDefault(NodeProto node, string path, string attribute, float expected, Activation activation)
    {
        float value = OnnxNodes.Float(node, attribute, expected, path);
        return value == expected
            ? activation
            : throw new InvalidFileException(path, $"{OnnxNodes.Describe(node)} attribute '{attribute}'",
                $"expected {expected} (Hebb's {activation.Name} keeps PyTorch's default), found {value}");
    }

    // Hebb's softmax runs along the last axis, which for [batch, features] is axis 1 (or -1, opset 13's default).
    private static Activation LastAxis(NodeProto node, string path, Activation activation)
    {
        long axis = OnnxNodes.Int(node, "axis", -1, path);
        return axis is 1 or -1
            ? activation
            : throw new InvalidFileException(path, $"{OnnxNodes.Describe(node)} attribute 'axis'", $"expected 1 or -1 (the feature axis), found {axis}");
    }
}
