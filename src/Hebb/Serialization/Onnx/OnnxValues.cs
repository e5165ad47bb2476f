using Onnx;

namespace Hebb.Serialization.Onnx;

/// <summary>The declared inputs and outputs of an exported graph: tensors of a symbolic batch of rows.</summary>
internal static class OnnxValues
{
    /// <summary>The name the batch dimension of every input and output carries.</summary>
    public const string BatchDimension = "batch";

    /// <summary>A [batch, <paramref name="width"/>] tensor of <paramref name="type"/> (float32 unless told).</summary>
    public static ValueInfoProto BatchOf(string name, int width, TensorProto.Types.DataType type = TensorProto.Types.DataType.Float)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
