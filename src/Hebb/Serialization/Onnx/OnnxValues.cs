using Onnx;

namespace Hebb.Serialization.Onnx;

/// <summary>The declared inputs and outputs of an exported graph: tensors of a symbolic batch of rows.</summary>
internal static class OnnxValues
{
    /// <summary>The name the batch dimension of every input and output carries.</summary>
    public const string BatchDimension = "batch";

    /// <summary>A [batch, <paramref name="width"/>] tensor of <paramref name="type"/> (float32 unless told).</summary>
    public static ValueInfoProto BatchOf(string name, int width, TensorProto.Types.DataType type = TensorProto.Types.DataType.Float) =>
        BatchOf(name, type, width);

    /// <summary>A [batch, <paramref name="dims"/>…] tensor of <paramref name="type"/>.</summary>
    public static ValueInfoProto BatchOf(string name, TensorProto.Types.DataType type, params int[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (int dim in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
