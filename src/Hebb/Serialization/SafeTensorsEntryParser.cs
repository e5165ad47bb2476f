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
    /// <param name="path">The file the header came from, named in every error.</param>
    /// <param name="name">The tensor's name as the file spells it; messages show it escaped (<see cref="InvalidFileException.Echo"/>).</param>
    /// <param name="entry">The header's value under that name.</param>
    public static SafeTensorsEntry Parse(string path, string name, JsonElement entry)
    {
        string shown = InvalidFileException.Echo(name);
        if (entry.ValueKind != JsonValueKind.Object)
            throw new InvalidFileException(path, $"tensor '{shown}'",
                $"expected an object with dtype, shape and data_offsets, found {JsonDescription.Of(entry)}");
        // Looking a key up decodes every key before it: one that no string can hold must fail here, named, not there.
        foreach (var key in entry.EnumerateObject()) JsonText.NameOf(key, path, $"tensor '{shown}' key");
        CheckDtype(path, shown, Property(path, shown, entry, "dtype", JsonValueKind.String));
        var shape = ParseShape(path, shown, Property(path, shown, entry, "shape", JsonValueKind.Array));
        var (begin, end) = ParseOffsets(path, shown, Property(path, shown, entry, "data_offsets", JsonValueKind.Array));
        CheckShapeFitsOffsets(path, shown, shape, begin, end);
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
        var field = $"tensor '{name}' dtype";
        string found = JsonText.ValueOf(dtype, path, field);
        if (found != Float32)
            throw new InvalidFileException(path, field, $"expected {Float32}, found {InvalidFileException.Echo(found)}");
    }

    private static int[] ParseShape(string path, string name, JsonElement shapeArray)
    {
        var field = $"tensor '{name}' shape";
        int rank = shapeArray.GetArrayLength();
        if (rank > FileLimits.MaxRank)
            throw new InvalidFileException(path, field, $"expected at most {FileLimits.MaxRank} dimensions, found {rank}");
        var shape = new int[rank];
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
            throw new InvalidFileException(path, field, $"expected two non-negative integers [begin, end], found {InvalidFileException.Echo(offsets.GetRawText())}");
        if (begin > end)
            throw new InvalidFileException(path, field, $"expected begin <= end, found [{begin}, {end}]");
        return (begin, end);
    }

    private static void CheckShapeFitsOffsets(string path, string name, int[] shape, long begin, long end)
    {
        var field = $"tensor '{name}' shape";
        // Each factor is at most int.MaxValue and the product is kept at most Array.MaxLength, so no step overflows a long.
        long elementCount = 1;
        foreach (int size in shape)
        {
            elementCount *= size;
            if (elementCount > Array.MaxLength)
                throw new InvalidFileException(path, field,
                    $"{InvalidFileException.Echo(Tensor.ShapeText(shape))} holds more than {Array.MaxLength} elements, the most an array can");
        }
        long byteCount = elementCount * Float32Bytes;
        if (end - begin != byteCount)
            throw new InvalidFileException(path, field,
                $"{InvalidFileException.Echo(Tensor.ShapeText(shape))} needs {byteCount} bytes, data_offsets [{begin}, {end}] span {end - begin}");
    }

    private static bool TryGetInteger(JsonElement value, out long integer)
    {
        integer = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out integer);
    }
}
