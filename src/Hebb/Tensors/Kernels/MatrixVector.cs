using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hebb.Tensors.Kernels;

/// <summary>
/// y = x·W + b for rows x of [rows, k] and W [k, n], one row at a time: each row's nonzero entries are gathered
/// first and only their rows of W are read, since a dense layer's inputs are often mostly zero (four in five pixels
/// of an MNIST digit, half of a ReLU layer's outputs). For a single row, where the GEMM would pack and block for
/// nothing, this is the product (<see cref="Row"/>, reading W itself); for a batch (<see cref="Product"/>, reading
/// W's <see cref="ColumnBlocks"/>) it beats the GEMM whenever at least half the inputs are zero
/// (<see cref="Suits"/>). Each element of y is b plus the products of the row's nonzero entries added one
/// multiply-add at a time in the order of k, whatever the batch and the thread count: a sample gets the same
/// outputs from this kernel alone and in any batch (the GEMM rounds them differently, within a few units in the
/// last place).
/// </summary>
internal sealed class MatrixVector : IPartitionedWork
{
    // W's rows a single row's product adds to y at once (Row).
    private const int RowsAtOnce = 8;
    // Rows gathered together, so that a block of W serves them all while it is in cache.
    private const int ChunkRows = 32;
    // The depth is cut into blocks of this many inputs: 96 rows of a wide block of W's columns (24 KiB, contiguous in
    // ColumnBlocks) stay in L1 while the chunk's rows pass over them, each reading them at one load per multiply-add.
    private const int DepthBlock = 96;
    // The same rule as the GEMM's: below this many multiply-adds per thread a second thread costs more than it saves.
    private const long MinimumWorkPerThread = 200_000;
    // Rows whose zeros are counted to choose this kernel over the GEMM.
    private const int SampledRows = 4;

    [ThreadStatic] private static MatrixVector? cached;
    [ThreadStatic] private static int[]? gatheredIndices;
    [ThreadStatic] private static float[]? gatheredValues;
    [ThreadStatic] private static int[]? gatheredEnds;

    private float[] x = [], bias = [], y = [];
    private ColumnBlocks? w;
    private int rows;

    /// <summary>Whether this kernel is the faster way to multiply these rows: a single row, or rows of which at least
    /// half the entries are zero (counted on the first few).</summary>
    public static bool Suits(float[] x, int rows, int k) => rows == 1 || ZeroShare(x, Math.Min(rows, SampledRows), k) >= 0.5;

    /// <summary>y[rows, n] = x[rows, k]·w[k, n] + bias[n], split by rows between threads when there is enough work.</summary>
    public static void Product(float[] x, int rows, ColumnBlocks w, float[] bias, float[] y)
    {
        int k = w.K, n = w.N;
        if ((long)rows * k > x.Length || bias.Length < n || (long)rows * n > y.Length)
            throw new ArgumentException($"matrix-vector product of [{rows}, {k}]·[{k}, {n}]: an array is too short");
        var job = cached ??= new MatrixVector();
        (job.x, job.w, job.bias, job.y, job.rows) = (x, w, bias, y, rows);
        double density = rows == 1 ? 1 : 1 - ZeroShare(x, Math.Min(rows, SampledRows), k);
        long work = (long)(rows * (double)k * density * n);
        int parts = (int)Math.Min(Math.Min(Parallelism.ThreadCount, rows), Math.Max(1, work / MinimumWorkPerThread));
        try { WorkerPool.Run(job, parts); }
        finally { (job.x, job.w, job.bias, job.y) = ([], null, [], []); }
    }

    public void Run(int part, int parts)
    {
        var w = this.w!;
        int k = w.K, n = w.N;
        int start = (int)((long)rows * part / parts), end = (int)((long)rows * (part + 1) / parts);
        int depthBlocks = (k + DepthBlock - 1) / DepthBlock;
        var indices = Buffer(ref gatheredIndices, ChunkRows * k);
        var values = Buffer(ref gatheredValues, ChunkRows * k);
        // Where each row's entries of each depth block end in its gathered list.
        var ends = Buffer(ref gatheredEnds, ChunkRows * depthBlocks);
        for (int chunk = start; chunk < end; chunk += ChunkRows)
        {
            int chunkRows = Math.Min(ChunkRows, end - chunk);
            for (int r = 0; r < chunkRows; r++)
                Gather(x.AsSpan((chunk + r) * k, k), indices.AsSpan(r * k, k), values.AsSpan(r * k, k), ends.AsSpan(r * depthBlocks, depthBlocks));
            for (int block = 0; block < w.Count; block++)
            {
                int column = w.Start(block), width = w.Width(block);
                ref float weights = ref w.Row(block, 0);
                for (int depth = 0; depth < depthBlocks; depth++)
                    for (int r = 0; r < chunkRows; r++)
                    {
                        int from = depth == 0 ? 0 : ends[r * depthBlocks + depth - 1], to = ends[r * depthBlocks + depth];
                        var rowIndices = indices.AsSpan(r * k + from, to - from);
                        var rowValues = values.AsSpan(r * k + from, to - from);
                        ref float output = ref y[(chunk + r) * n + column];
                        // The first depth block starts from the bias, the others from the sums so far.
                        ref float initial = ref depth == 0 ? ref bias[column] : ref output;
                        if (width == ColumnBlocks.WideColumns) Wide(rowIndices, rowValues, ref weights, ref initial, ref output);
                        else if (width == ColumnBlocks.NarrowColumns) Narrow(rowIndices, rowValues, ref weights, ref initial, ref output);
                        else Scalar(rowIndices, rowValues, ref weights, ref initial, ref output);
                    }
            }
        }
    }

    /// <summary>
    /// y[n] = x[k]·w[k, n] + bias[n] for one row, on the calling thread, from W itself (row-major): y starts as the
    /// bias, and W's rows of the nonzero entries are added to it whole, eight at a time, each read once from start to
    /// end. With one row there is nothing for a block of W to be reused by, and W (940 KB for the note's first layer)
    /// comes from beyond L2 at every call: whole rows in order are what the hardware prefetcher streams fastest
    /// (faster, measured, than the column blocks of a batch), and y (n values) stays in L1 in between. Each column is
    /// summed in the same order as by <see cref="Product"/>, so the result is the same as from the column blocks of
    /// the same W.
    /// </summary>
    public static void Row(ReadOnlySpan<float> x, float[] w, float[] bias, int n, Span<float> y)
    {
        if ((long)x.Length * n > w.Length || bias.Length < n || y.Length < n)
            throw new ArgumentException($"matrix-vector product of [1, {x.Length}]·[{x.Length}, {n}]: an array is too short");
        int k = x.Length, depthBlocks = (k + DepthBlock - 1) / DepthBlock;
        var indices = Buffer(ref gatheredIndices, k);
        var values = Buffer(ref gatheredValues, k);
        var ends = Buffer(ref gatheredEnds, depthBlocks);
        Gather(x, indices, values, ends.AsSpan(0, depthBlocks));
        int count = ends[depthBlocks - 1];
        bias.AsSpan(0, n).CopyTo(y);
        ref float output = ref MemoryMarshal.GetReference(y);
        ref float weights = ref MemoryMarshal.GetArrayDataReference(w);
        int j = 0;
        for (; j + RowsAtOnce <= count; j += RowsAtOnce) AddRows(ref output, n, ref weights, indices.AsSpan(j, RowsAtOnce), values.AsSpan(j, RowsAtOnce));
        for (; j < count; j++) AddRow(ref output, n, ref Unsafe.Add(ref weights, (nint)indices[j] * n), values[j]);
    }

    /// <summary>y[0..n] += Σ values[i]·W[indices[i], 0..n] over eight rows, added in that order: one load and store
    /// of y per eight multiply-adds. Vectors of 8 columns, then one of 4, then single columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRows(ref float y, int n, ref float weights, ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        ref float r0 = ref Unsafe.Add(ref weights, (nint)indices[0] * n);
        ref float r1 = ref Unsafe.Add(ref weights, (nint)indices[1] * n);
        ref float r2 = ref Unsafe.Add(ref weights, (nint)indices[2] * n);
        ref float r3 = ref Unsafe.Add(ref weights, (nint)indices[3] * n);
        ref float r4 = ref Unsafe.Add(ref weights, (nint)indices[4] * n);
        ref float r5 = ref Unsafe.Add(ref weights, (nint)indices[5] * n);
        ref float r6 = ref Unsafe.Add(ref weights, (nint)indices[6] * n);
        ref float r7 = ref Unsafe.Add(ref weights, (nint)indices[7] * n);
        var (v0, v1, v2, v3) = (Vector256.Create(values[0]), Vector256.Create(values[1]), Vector256.Create(values[2]), Vector256.Create(values[3]));
        var (v4, v5, v6, v7) = (Vector256.Create(values[4]), Vector256.Create(values[5]), Vector256.Create(values[6]), Vector256.Create(values[7]));
        int column = 0;
        for (; column + Vector256<float>.Count <= n; column += Vector256<float>.Count)
        {
            nuint at = (nuint)column;
            var sum = Vector256.LoadUnsafe(ref y, at);
            sum = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref r0, at), v0, sum);
            sum = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref r1, at), v1, sum);
            sum = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref r2, at), v2, sum);
            sum = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref r3, at), v3, sum);
            sum = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref r4, at), v4, sum);
            sum = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref r5, at), v5, sum);
            sum = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref r6, at), v6, sum);
            sum = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref r7, at), v7, sum);
            sum.StoreUnsafe(ref y, at);
        }
        if (column + Vector128<float>.Count <= n)
        {
            nuint at = (nuint)column;
            var sum = Vector128.LoadUnsafe(ref y, at);
            sum = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref r0, at), v0.GetLower(), sum);
            sum = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref r1, at), v1.GetLower(), sum);
            sum = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref r2, at), v2.GetLower(), sum);
            sum = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref r3, at), v3.GetLower(), sum);
            sum = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref r4, at), v4.GetLower(), sum);
            sum = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref r5, at), v5.GetLower(), sum);
            sum = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref r6, at), v6.GetLower(), sum);
            sum = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref r7, at), v7.GetLower(), sum);
            sum.StoreUnsafe(ref y, at);
            column += Vector128<float>.Count;
        }
        for (; column < n; column++)
        {
            ref float sum = ref Unsafe.Add(ref y, column);
            for (int i = 0; i < RowsAtOnce; i++)
                sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref weights, (nint)indices[i] * n + column), values[i], sum);
        }
    }

    /// <summary>y[0..n] += a·r, for the last one to seven rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow(ref float y, int n, ref float r, float a)
    {
        int column = 0;
        for (; column + Vector256<float>.Count <= n; column += Vector256<float>.Count)
            Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref r, (nuint)column), Vector256.Create(a), Vector256.LoadUnsafe(ref y, (nuint)column)).StoreUnsafe(ref y, (nuint)column);
        for (; column < n; column++) Unsafe.Add(ref y, column) = MathF.FusedMultiplyAdd(Unsafe.Add(ref r, column), a, Unsafe.Add(ref y, column));
    }

    /// <summary>The positions and values of the row's nonzero entries, in order, and where those of each depth block
    /// end. Whole vectors of zeros are skipped at once, and within a vector each entry is written and kept only when
    /// nonzero, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(ReadOnlySpan<float> row, Span<int> indices, Span<float> values, Span<int> ends)
    {
        int count = 0, width = Vector256<float>.Count;
        for (int depth = 0; depth < ends.Length; depth++)
        {
            int i = depth * DepthBlock, blockEnd = Math.Min(row.Length, i + DepthBlock);
            for (; i + width <= blockEnd; i += width)
            {
                if (Vector256.EqualsAll(Vector256.Create(row.Slice(i, width)), Vector256<float>.Zero)) continue;
                for (int j = i; j < i + width; j++) count = Keep(row[j], j, indices, values, count);
            }
            for (; i < blockEnd; i++) count = Keep(row[i], i, indices, values, count);
            ends[depth] = count;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Keep(float value, int index, Span<int> indices, Span<float> values, int count)
    {
        indices[count] = index;
        values[count] = value;
        return count + (value != 0f ? 1 : 0);
    }

    /// <summary>y[0..64] = initial[0..64] + Σ values[j]·W[indices[j], 0..64] for a wide block's rows, in eight registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Wide(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, ref float weights, ref float initial, ref float output)
    {
        int lanes = Vector256<float>.Count, width = ColumnBlocks.WideColumns;
        var y0 = Vector256.LoadUnsafe(ref initial, 0);
        var y1 = Vector256.LoadUnsafe(ref initial, (nuint)lanes);
        var y2 = Vector256.LoadUnsafe(ref initial, (nuint)(2 * lanes));
        var y3 = Vector256.LoadUnsafe(ref initial, (nuint)(3 * lanes));
        var y4 = Vector256.LoadUnsafe(ref initial, (nuint)(4 * lanes));
        var y5 = Vector256.LoadUnsafe(ref initial, (nuint)(5 * lanes));
        var y6 = Vector256.LoadUnsafe(ref initial, (nuint)(6 * lanes));
        var y7 = Vector256.LoadUnsafe(ref initial, (nuint)(7 * lanes));
        for (int j = 0; j < indices.Length; j++)
        {
            var value = Vector256.Create(values[j]);
            ref float row = ref Unsafe.Add(ref weights, (nint)indices[j] * width);
            y0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 0), value, y0);
            y1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, (nuint)lanes), value, y1);
            y2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, (nuint)(2 * lanes)), value, y2);
            y3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, (nuint)(3 * lanes)), value, y3);
            y4 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, (nuint)(4 * lanes)), value, y4);
            y5 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, (nuint)(5 * lanes)), value, y5);
            y6 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, (nuint)(6 * lanes)), value, y6);
            y7 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, (nuint)(7 * lanes)), value, y7);
        }
        y0.StoreUnsafe(ref output, 0);
        y1.StoreUnsafe(ref output, (nuint)lanes);
        y2.StoreUnsafe(ref output, (nuint)(2 * lanes));
        y3.StoreUnsafe(ref output, (nuint)(3 * lanes));
        y4.StoreUnsafe(ref output, (nuint)(4 * lanes));
        y5.StoreUnsafe(ref output, (nuint)(5 * lanes));
        y6.StoreUnsafe(ref output, (nuint)(6 * lanes));
        y7.StoreUnsafe(ref output, (nuint)(7 * lanes));
    }

    /// <summary>One vector of columns (rows of 8 to 15 columns, or the rest of wider ones).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Narrow(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, ref float weights, ref float initial, ref float output)
    {
        var sum = Vector256.LoadUnsafe(ref initial);
        for (int j = 0; j < indices.Length; j++)
            sum = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref Unsafe.Add(ref weights, (nint)indices[j] * ColumnBlocks.NarrowColumns)), Vector256.Create(values[j]), sum);
        sum.StoreUnsafe(ref output);
    }

    /// <summary>One column, for rows narrower than a vector (a two-class output).</summary>
    private static void Scalar(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, ref float weights, ref float initial, ref float output)
    {
        float sum = initial;
        for (int j = 0; j < indices.Length; j++) sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref weights, indices[j]), values[j], sum);
        output = sum;
    }

    private static double ZeroShare(float[] x, int rows, int k)
    {
        var sample = x.AsSpan(0, rows * k);
        return sample.IsEmpty ? 0 : (double)(sample.Length - CountNonzero(sample)) / sample.Length;
    }

    private static int CountNonzero(ReadOnlySpan<float> values)
    {
        int count = 0;
        foreach (float value in values) count += value != 0f ? 1 : 0;
        return count;
    }

    private static int[] Buffer(ref int[]? buffer, int length) =>
        buffer is not null && buffer.Length >= length ? buffer : buffer = new int[length];

    private static float[] Buffer(ref float[]? buffer, int length) =>
        buffer is not null && buffer.Length >= length ? buffer : buffer = new float[length];
}
