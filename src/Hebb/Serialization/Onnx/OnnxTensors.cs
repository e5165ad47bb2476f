using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Hebb.Tensors;
using Onnx;

namespace Hebb.Serialization.Onnx;

/// <summary>Hebb tensors as ONNX initializers (float32, little-endian <c>raw_data</c>) and back, checking every
/// size an initializer claims against the bytes it holds before anything is allocated.</summary>
internal static class OnnxTensors
{
    public static TensorProto FromTensor(string name, Tensor tensor)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = LittleEndian(tensor.Data) };
        proto.Dims.AddRange(tensor.Shape.Select(dim => (long)dim));
        return proto;
    }

    public static TensorProto Scalar(string name, float value) =>
        new() { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = LittleEndian([value]) };

    /// <summary>The initializer's values as a Hebb tensor of its shape; anything but dense float32 data is an error.</summary>
    public static Tensor ToTensor(TensorProto proto, string path)
    {
        string field = $"initializer '{InvalidFileException.Echo(proto.Name)}'";
        if (proto.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidFileException(path, $"{field} data_type", $"expected 1 (float32), found {proto.DataType}");
        if (proto.DataLocation == TensorProto.Types.DataLocation.External || proto.ExternalData.Count > 0)
            throw new InvalidFileException(path, $"{field} data_location", "expected the values inside the file, found external data");
        if (proto.Segment is not null)
            throw new InvalidFileException(path, $"{field} segment", "expected the whole tensor, found a segment");
        var shape = Shape(proto, field, path);
        long count = shape.Aggregate(1L, (product, dim) => product * dim);
        float[] values;
        if (proto.RawData.Length > 0 || proto.FloatData.Count == 0)
        {
            if (proto.RawData.Length != count * sizeof(float))
                throw new InvalidFileException(path, $"{field} raw_data",
                    $"expected {count * sizeof(float)} bytes for shape {Tensor.ShapeText(shape)}, found {proto.RawData.Length}");
            values = FromLittleEndian(proto.RawData.Span);
        }
        else
        {
            if (proto.FloatData.Count != count)
                throw new InvalidFileException(path, $"{field} float_data",
                    $"expected {count} values for shape {Tensor.ShapeText(shape)}, found {proto.FloatData.Count}");
            values = [.. proto.FloatData];
        }
        return new Tensor(values, shape);
    }

    // Every dimension is checked, and so is the product, before the product sizes anything.
    private static int[] Shape(TensorProto proto, string field, string path)
    {
        if (proto.Dims.Count > FileLimits.MaxRank)
            throw new InvalidFileException(path, $"{field} dims", $"expected at most {FileLimits.MaxRank} dimensions, found {proto.Dims.Count}");
        var shape = new int[proto.Dims.Count];
        long count = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            long dim = proto.Dims[i];
            if (dim < 0 || dim > Array.MaxLength || (count *= Math.Max(dim, 1)) > Array.MaxLength)
                throw new InvalidFileException(path, $"{field} dims[{i}]", $"expected a size that fits in memory, found {dim}");
            shape[i] = (int)dim;
        }
        return shape;
    }

    private static ByteString LittleEndian(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return UnsafeByteOperations.UnsafeWrap(bytes);
    }

    private static float[] FromLittleEndian(ReadOnlySpan<byte> bytes)
    {
        var values = new float[bytes.Length / sizeof(float)];
        if (BitConverter.IsLittleEndian) bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        else for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * sizeof(float)));
        return values;
    }
}
