namespace Hebb.Tensors.Kernels;

/// <summary>
/// One thread's buffer for packed panels of a matrix product: made once, grown only when a larger product comes, and
/// returned from a 64-byte boundary so that each 16-float step of a packed panel is one cache line.
/// </summary>
internal sealed class PackingBuffer
{
    private const int AlignmentFloats = 16;
    private float[] storage = [];
    private int offset;

    /// <summary>At least <paramref name="length"/> floats, starting on a cache line; the contents are left as they were.</summary>
    public Span<float> Get(int length)
    {
        if (storage.Length - offset < length)
        {
            // Pinned, so that the alignment found here holds for the array's life.
            storage = GC.AllocateUninitializedArray<float>(Math.Max(length, storage.Length * 2) + AlignmentFloats, pinned: true);
            offset = Offset(storage);
        }
        return storage.AsSpan(offset, length);
    }

    private static unsafe int Offset(float[] array)
    {
        fixed (float* start = array)
            return (int)((64 - (nuint)start % 64) % 64 / sizeof(float));
    }
}
