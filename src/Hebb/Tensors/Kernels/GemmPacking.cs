using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hebb.Tensors.Kernels;

/// <summary>
/// Copies blocks of A and B into the order the micro-kernel reads them: A in panels of <c>rows</c> values
/// per step of k, B in panels of <c>columns</c> values per step, both zero-padded at the edges. Packing
/// is where the transposed layouts are absorbed, so no transpose is ever formed. <see cref="Gemm.Product"/> has
/// checked every array's length against its matrix, so the copies index without bounds checks.
/// </summary>
internal static class GemmPacking
{
    /// <summary>Packs A(i, p) for i in [rowStart, rowEnd), p in [depthStart, depthStart + depth).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(MatrixLayout layout, float[] a, int m, int k, int rowStart, int rowEnd, int depthStart, int depth, int rows, Span<float> packed)
    {
        ref float source = ref MemoryMarshal.GetArrayDataReference(a);
        int panels = (rowEnd - rowStart + rows - 1) / rows;
        for (int panel = 0; panel < panels; panel++)
        {
            int firstRow = rowStart + panel * rows;
            int validRows = Math.Min(rows, rowEnd - firstRow);
            var destination = packed.Slice(panel * depth * rows, depth * rows);
            if (validRows < rows) destination.Clear();
            ref float target = ref MemoryMarshal.GetReference(destination);
            if (layout == MatrixLayout.AtB)
            {
                // A is stored [k, m]: the rows of a panel lie side by side at each step of k.
                bool vectors = validRows == rows && rows >= 4 && Vector128.IsHardwareAccelerated;
                for (int p = 0; p < depth; p++)
                {
                    ref float step = ref Unsafe.Add(ref source, (nint)(depthStart + p) * m + firstRow);
                    if (vectors) CopyStep(ref step, ref Unsafe.Add(ref target, p * rows), rows);
                    else for (int r = 0; r < validRows; r++) Unsafe.Add(ref target, p * rows + r) = Unsafe.Add(ref step, r);
                }
            }
            else
            {
                // A is stored [m, k]: the panel is a transpose of `rows` rows of storage.
                ref float first = ref Unsafe.Add(ref source, (nint)firstRow * k + depthStart);
                int p = validRows == rows ? PackRowsTransposed(ref first, k, depth, rows, ref target) : 0;
                for (int r = 0; r < validRows; r++)
                {
                    ref float row = ref Unsafe.Add(ref first, (nint)r * k);
                    for (int step = p; step < depth; step++) Unsafe.Add(ref target, step * rows + r) = Unsafe.Add(ref row, step);
                }
            }
        }
    }

    /// <summary>Packs B(p, j) for p in [depthStart, depthStart + depth), j in [columnStart, columnEnd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(MatrixLayout layout, float[] b, int k, int n, int depthStart, int depth, int columnStart, int columnEnd, int columns, Span<float> packed)
    {
        ref float source = ref MemoryMarshal.GetArrayDataReference(b);
        int panels = (columnEnd - columnStart + columns - 1) / columns;
        int lastColumns = columnEnd - columnStart - (panels - 1) * columns;
        if (lastColumns < columns) packed.Slice((panels - 1) * depth * columns, depth * columns).Clear();
        ref float target = ref MemoryMarshal.GetReference(packed);
        if (layout == MatrixLayout.ABt)
        {
            for (int panel = 0; panel < panels; panel++)
            {
                int firstColumn = columnStart + panel * columns;
                PackTransposed(ref Unsafe.Add(ref source, (nint)firstColumn * k + depthStart), k, depth, Math.Min(columns, columnEnd - firstColumn), columns,
                    ref Unsafe.Add(ref target, panel * depth * columns));
            }
            return;
        }
        // B is stored [k, n]: each row is read once, in order, and dealt out to the panels. Reading panel by panel
        // instead would step n floats between reads, a stride the prefetchers lose and that 4 KiB aliasing punishes.
        for (int p = 0; p < depth; p++)
        {
            ref float row = ref Unsafe.Add(ref source, (nint)(depthStart + p) * n + columnStart);
            for (int panel = 0; panel < panels; panel++)
                CopyRow(ref Unsafe.Add(ref row, panel * columns), ref Unsafe.Add(ref target, (panel * depth + p) * columns),
                    panel < panels - 1 ? columns : lastColumns);
        }
    }

    /// <summary>One panel of B stored [n, k]: column j of the panel is a contiguous row of storage, <paramref name="k"/>
    /// apart from the next. With AVX, 8 × 8 blocks are transposed in registers; the rest is copied one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposed(ref float source, int k, int depth, int validColumns, int columns, ref float target)
    {
        int p = 0, fullGroups = validColumns / 8;
        if (Avx.IsSupported && fullGroups > 0)
        {
            for (; p + 8 <= depth; p += 8)
                for (int group = 0; group < fullGroups; group++)
                    Transpose8x8(ref Unsafe.Add(ref source, (nint)group * 8 * k + p), k, ref Unsafe.Add(ref target, p * columns + group * 8), columns);
            for (int j = fullGroups * 8; j < validColumns; j++)
                for (int step = 0; step < p; step++)
                    Unsafe.Add(ref target, step * columns + j) = Unsafe.Add(ref source, (nint)j * k + step);
        }
        for (int j = 0; j < validColumns; j++)
        {
            ref float column = ref Unsafe.Add(ref source, (nint)j * k);
            for (int step = p; step < depth; step++) Unsafe.Add(ref target, step * columns + j) = Unsafe.Add(ref column, step);
        }
    }

    /// <summary>The first steps of a full panel of <paramref name="rows"/> (at most 16) rows of A stored [m, k], eight steps
    /// at a time: the first eight rows through 8 × 8 transposes (rows past a panel of fewer repeat its last row), any
    /// further rows (AVX-512's panels of 10) one value at a time; returns the steps packed. Each step's store is 8 floats
    /// wide, so in a panel of fewer rows its surplus lanes land on the next step's first slots, which that step then
    /// writes: hence only chunks that some later step follows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PackRowsTransposed(ref float source, int k, int depth, int rows, ref float target)
    {
        if (!Avx.IsSupported || rows > 16) return 0;
        int last = Math.Min(rows, 8) - 1;
        int p = 0;
        for (; p + 8 < depth; p += 8)
        {
            ref float chunk = ref Unsafe.Add(ref source, p);
            Transpose8x8(
                Vector256.LoadUnsafe(ref chunk),
                Vector256.LoadUnsafe(ref chunk, (nuint)(Math.Min(1, last) * k)),
                Vector256.LoadUnsafe(ref chunk, (nuint)(Math.Min(2, last) * k)),
                Vector256.LoadUnsafe(ref chunk, (nuint)(Math.Min(3, last) * k)),
                Vector256.LoadUnsafe(ref chunk, (nuint)(Math.Min(4, last) * k)),
                Vector256.LoadUnsafe(ref chunk, (nuint)(Math.Min(5, last) * k)),
                Vector256.LoadUnsafe(ref chunk, (nuint)(Math.Min(6, last) * k)),
                Vector256.LoadUnsafe(ref chunk, (nuint)(Math.Min(7, last) * k)),
                ref Unsafe.Add(ref target, p * rows), rows);
            for (int r = 8; r < rows; r++)
            {
                ref float row = ref Unsafe.Add(ref chunk, (nint)r * k);
                for (int step = 0; step < 8; step++) Unsafe.Add(ref target, (p + step) * rows + r) = Unsafe.Add(ref row, step);
            }
        }
        return p;
    }

    /// <summary>Eight rows of eight floats, <paramref name="sourceStride"/> apart, written as eight columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref float source, int sourceStride, ref float target, int targetStride) =>
        Transpose8x8(
            Vector256.LoadUnsafe(ref source),
            Vector256.LoadUnsafe(ref source, (nuint)sourceStride),
            Vector256.LoadUnsafe(ref source, (nuint)(2 * sourceStride)),
            Vector256.LoadUnsafe(ref source, (nuint)(3 * sourceStride)),
            Vector256.LoadUnsafe(ref source, (nuint)(4 * sourceStride)),
            Vector256.LoadUnsafe(ref source, (nuint)(5 * sourceStride)),
            Vector256.LoadUnsafe(ref source, (nuint)(6 * sourceStride)),
            Vector256.LoadUnsafe(ref source, (nuint)(7 * sourceStride)),
            ref target, targetStride);

    /// <summary>Eight vectors of eight floats written as eight columns, <paramref name="targetStride"/> floats between
    /// the starts of the written rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7, ref float target, int targetStride)
    {
        // Interleave pairs of rows, then pairs of pairs, then swap 128-bit halves: the classic 8 × 8 transpose.
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44); var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44); var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44); var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44); var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(s0, s4, 0x20).StoreUnsafe(ref target);
        Avx.Permute2x128(s1, s5, 0x20).StoreUnsafe(ref target, (nuint)targetStride);
        Avx.Permute2x128(s2, s6, 0x20).StoreUnsafe(ref target, (nuint)(2 * targetStride));
        Avx.Permute2x128(s3, s7, 0x20).StoreUnsafe(ref target, (nuint)(3 * targetStride));
        Avx.Permute2x128(s0, s4, 0x31).StoreUnsafe(ref target, (nuint)(4 * targetStride));
        Avx.Permute2x128(s1, s5, 0x31).StoreUnsafe(ref target, (nuint)(5 * targetStride));
        Avx.Permute2x128(s2, s6, 0x31).StoreUnsafe(ref target, (nuint)(6 * targetStride));
        Avx.Permute2x128(s3, s7, 0x31).StoreUnsafe(ref target, (nuint)(7 * targetStride));
    }

    /// <summary>A panel's <paramref name="count"/> (at least 4) values of one step, in vectors that overlap rather than
    /// spill: 6 floats are the vectors [0, 4) and [2, 6).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyStep(ref float source, ref float target, int count)
    {
        if (count < 8)
        {
            Vector128.LoadUnsafe(ref source).StoreUnsafe(ref target);
            Vector128.LoadUnsafe(ref source, (nuint)(count - 4)).StoreUnsafe(ref target, (nuint)(count - 4));
            return;
        }
        for (int i = 0; i + 8 < count; i += 8) Vector256.LoadUnsafe(ref source, (nuint)i).StoreUnsafe(ref target, (nuint)i);
        Vector256.LoadUnsafe(ref source, (nuint)(count - 8)).StoreUnsafe(ref target, (nuint)(count - 8));
    }

    /// <summary><paramref name="count"/> contiguous floats, eight at a time where the vectors allow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(ref float source, ref float target, int count)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + 8 <= count; i += 8)
                Vector256.LoadUnsafe(ref source, (nuint)i).StoreUnsafe(ref target, (nuint)i);
        for (; i < count; i++) Unsafe.Add(ref target, i) = Unsafe.Add(ref source, i);
    }
}
