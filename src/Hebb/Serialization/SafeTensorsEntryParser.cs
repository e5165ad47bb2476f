using System.Numerics;
using System.Text.Json;
using Hebb.Tensors;
using static Hebb.Serialization.SafeTensorsFormat;

namespace Hebb.Serialization;

/// <summary>
/// Reads one tensor's entry of a safetensors header, <c>{"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}</c>,
/// and checks that it is well formed and self-consistent. Where it lies among the others is <see cref="DataSectionLayout"/>'s concern.
/// Other keys are ignored, as the reference reader ignores them, so that files with extra fields still load.
/// </summary>
internal static class SafeTensorsEntryParser
{
    public static SafeTensorsEntry Parse(string path, string name, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
            throw new InvalidFileException(path, $"tensor '{name}'",
                $"expected an object with dtype, shape and data_offsets, found {JsonDescription.Of(entry)}");
        CheckDtype(path, name, Property(path, name, entry, "dtype", JsonValueKind.String));
        var shape = ParseShape(path, name, Property(path, name, entry, "shape", JsonValueKind.Array));
        var (begin, end) = ParseOffsets(path, name, Property(path, name, entry, "data_offsets", JsonValueKind.Array));
        CheckShapeFitsOffsets(path, name, shape, begin, end);
        return new SafeTensorsEntry(name, shape, begin, end);
    }

    private static JsonElement Property(string path, string name, JsonElement entry, string key, JsonValueKind kind)
    {
        var field = $"tensor '{name}' {key}";
        if (!entry.TryGetProperty(key, out var value))
            throw new InvalidFileException(path, field, $"expected {JsonDescription.Of(kind)}, found nothing: the key is missing");
        if (value.ValueKind != kind)
            throw new InvalidFileException(path, field, $"expected {JsonDescription.Of(kind)}, found {JsonDescription.Of(value)}");
        return value;
    }

    private static void CheckDtype(string path, string name, JsonElement dtype)
    {
        if (dtype.GetString() != Float32)
            throw new InvalidFileException(path, $"tensor '{name}' dtype", $"expected {Float32}, found {dtype.GetString()}");
    }

    private static int[] ParseShape(string path, string name, JsonElement shapeArray)
    {
        var field = $"tensor '{name}' shape";
        var shape = new int[shapeArray.GetArrayLength()];
        int axis = 0;
        foreach (var dimension in shapeArray.EnumerateArray())
        {
            if (!TryGetInteger(dimension, out long size) || size < 0 || size > int.MaxValue)
                throw new InvalidFileException(path, field,
                    $"dimension {axis}: expected an integer from 0 to {int.MaxValue}, found {JsonDescription.Of(dimension)}");
            shape[axis++] = (int)size;
        }
        return shape;
    }

    private static (long Begin, long End) ParseOffsets(string path, string name, JsonElement offsets)
    {
        var field = $"tensor '{name}' data_offsets";
        if (offsets.GetArrayLength() != 2
            || !TryGetInteger(offsets[0], out long begin) || !TryGetInteger(offsets[1], out long end)
            || begin < 0 || end < 0)
            throw new InvalidFileException(path, field, $"expected two non-negative integers [begin, end], found {offsets.GetRawText()}");
        if (begin > end)
            throw new InvalidFileException(path, field, $"expected begin <= end, found [{begin}, {end}]");
        return (begin, end);
    }

    private static void CheckShapeFitsOffsets(string path, string name, int[] shape, long begin, long end)
    {
        var field = $"tensor '{name}' shape";
        var elementCount = shape.Aggregate(BigInteger.One, (product, size) => product * size);
        if (elementCount > Array.MaxLength)
            throw new InvalidFileException(path, field,
                $"{Tensor.ShapeText(shape)} holds {elementCount} elements, expected at most {Array.MaxLength}");
        long byteCount = (long)elementCount * Float32Bytes;
        if (end - begin != byteCount)
            throw new InvalidFileException(path, field,
                $"{Tensor.ShapeText(shape)} needs {byteCount} bytes, data_offsets [{begin}, {end}] span {end - begin}");
    }

    private static bool TryGetInteger(JsonElement value, out long integer)
    {
        integer = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out integer);
    }
}
