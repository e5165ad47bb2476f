using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    // Rows gathered together, so that a block of W serves them all while it is in cache; the depth is cut into blocks
    // (ColumnBlocks.DepthBlock) whose rows of a column block stay in L1 while the chunk's rows pass over them.
    private const int ChunkRows = 64;
    // The same rule as the GEMM's: below this many multiply-adds per thread a second thread costs more than it saves.
    private const long MinimumWorkPerThread = 200_000;
    // This kernel's multiply-adds run at about this share of the GEMM's rate: it loads a row of W for each, where the
    // GEMM's registers reuse each load ten times (batch 50 of Fashion-MNIST on Zen 5: 0.56 through the note's first
    // layer, 53% zeros, 0.59 through its second, 52%).
    private const double SpeedAgainstGemm = 0.6;
    // Rows whose zeros are counted to choose this kernel over the GEMM.
    private const int SampledRows = 4;

    [ThreadStatic] private static MatrixVector? cached;
    // A batch's gathered entries' indices; a single row's, their rows' offsets in W.
    [ThreadStatic] private static int[]? gatheredOffsets;
    [ThreadStatic] private static float[]? gatheredValues;
    [ThreadStatic] private static int[]? gatheredEnds;

    private float[] x = [], bias = [], y = [];
    private ColumnBlocks? w;
    private int rows;

    /// <summary>Whether this kernel is the faster way to multiply these rows by a W of <paramref name="n"/> columns: a
    /// single row, or rows zero enough (counted on the first few) that skipping their zeros saves more than this
    /// kernel loses to the GEMM in speed.</summary>
    /// <remarks>Per nonzero input, each column block costs one step of eight registers' multiply-adds (a pair
    /// block half of one, a narrower block as long, waiting on its one chain), so the work, in the GEMM's
    /// multiply-adds of one input (n), is the nonzero share times those steps' columns.</remarks>
    public static bool Suits(float[] x, int rows, int k, int n)
    {
        if (rows == 1) return true;
        int lanes = Vector512.IsHardwareAccelerated ? Lanes512.Count : Lanes256.Count;
        double work = (1 - ZeroShare(x, Math.Min(rows, SampledRows), k)) * ColumnBlocks.StepsPerInput(n, lanes) * 8 * lanes;
        return work < SpeedAgainstGemm * n;
    }

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
        int k = w.K;
        int start = (int)((long)rows * part / parts), end = (int)((long)rows * (part + 1) / parts);
        int depthBlocks = (k + w.DepthBlock - 1) / w.DepthBlock;
        var indices = Buffer(ref gatheredOffsets, ChunkRows * k);
        var values = Buffer(ref gatheredValues, ChunkRows * k);
        // Where each row's entries of each depth block end in its gathered list.
        var ends = Buffer(ref gatheredEnds, ChunkRows * depthBlocks);
        for (int chunk = start; chunk < end; chunk += ChunkRows)
        {
            int chunkRows = Math.Min(ChunkRows, end - chunk);
            for (int r = 0; r < chunkRows; r++)
                Gather(x.AsSpan((chunk + r) * k, k), 1, w.DepthBlock, indices.AsSpan(r * k, k), values.AsSpan(r * k, k), ends.AsSpan(r * depthBlocks, depthBlocks));
            var rowsOfChunk = new ChunkRowsView(indices, values, ends, k, depthBlocks, y, chunk, w.N, bias);
            for (int block = 0; block < w.Count; block++)
            {
                var kernel = w.Kernel(block);
                int column = w.Start(block);
                ref float weights = ref w.Row(block, 0);
                for (int depth = 0; depth < depthBlocks; depth++)
                {
                    if (kernel is BlockKernel.Pair512 or BlockKernel.Pair256)
                        // Two rows at a time; an odd last row is paired with itself (the same sums, stored twice).
                        for (int r = 0; r < chunkRows; r += 2)
                        {
                            int other = Math.Min(r + 1, chunkRows - 1);
                            if (kernel == BlockKernel.Pair512)
                                Pair<Lanes512, Vector512<float>>(rowsOfChunk.Indices(r, depth), rowsOfChunk.Values(r, depth), ref rowsOfChunk.Initial(r, depth, column), ref rowsOfChunk.Output(r, column),
                                    rowsOfChunk.Indices(other, depth), rowsOfChunk.Values(other, depth), ref rowsOfChunk.Initial(other, depth, column), ref rowsOfChunk.Output(other, column), ref weights);
                            else
                                Pair<Lanes256, Vector256<float>>(rowsOfChunk.Indices(r, depth), rowsOfChunk.Values(r, depth), ref rowsOfChunk.Initial(r, depth, column), ref rowsOfChunk.Output(r, column),
                                    rowsOfChunk.Indices(other, depth), rowsOfChunk.Values(other, depth), ref rowsOfChunk.Initial(other, depth, column), ref rowsOfChunk.Output(other, column), ref weights);
                        }
                    else
                        for (int r = 0; r < chunkRows; r++)
                        {
                            var rowIndices = rowsOfChunk.Indices(r, depth);
                            var rowValues = rowsOfChunk.Values(r, depth);
                            ref float initial = ref rowsOfChunk.Initial(r, depth, column);
                            ref float output = ref rowsOfChunk.Output(r, column);
                            switch (kernel)
                            {
                                case BlockKernel.Wide512: Wide<Lanes512, Vector512<float>>(rowIndices, rowValues, ref weights, ref initial, ref output); break;
                                case BlockKernel.Wide256: Wide<Lanes256, Vector256<float>>(rowIndices, rowValues, ref weights, ref initial, ref output); break;
                                case BlockKernel.Narrow512: Narrow<Lanes512, Vector512<float>>(rowIndices, rowValues, ref weights, ref initial, ref output); break;
                                case BlockKernel.Narrow256: Narrow<Lanes256, Vector256<float>>(rowIndices, rowValues, ref weights, ref initial, ref output); break;
                                default: Scalar(rowIndices, rowValues, ref weights, ref initial, ref output); break;
                            }
                        }
                }
            }
        }
    }

    /// <summary>A chunk's gathered rows, as each kernel call reads them: a row's entries of a depth block, where its
    /// sums start (the bias at the first depth block, the sums so far after it) and where they go.</summary>
    private readonly ref struct ChunkRowsView(int[] indices, float[] values, int[] ends, int k, int depthBlocks, float[] y, int chunk, int n, float[] bias)
    {
        private readonly int[] indices = indices, ends = ends;
        private readonly float[] values = values, y = y, bias = bias;

        public ReadOnlySpan<int> Indices(int row, int depth) => indices.AsSpan(row * k + From(row, depth), To(row, depth) - From(row, depth));

        public ReadOnlySpan<float> Values(int row, int depth) => values.AsSpan(row * k + From(row, depth), To(row, depth) - From(row, depth));

        public ref float Initial(int row, int depth, int column) => ref depth == 0 ? ref bias[column] : ref Output(row, column);

        public ref float Output(int row, int column) => ref y[(chunk + row) * n + column];

        private int From(int row, int depth) => depth == 0 ? 0 : ends[row * depthBlocks + depth - 1];

        private int To(int row, int depth) => ends[row * depthBlocks + depth];
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
        int k = x.Length;
        var offsets = Buffer(ref gatheredOffsets, k);
        var values = Buffer(ref gatheredValues, k);
        var ends = Buffer(ref gatheredEnds, 1);
        Gather(x, n, k, offsets, values, ends.AsSpan(0, 1));
        int count = ends[0];
        bias.AsSpan(0, n).CopyTo(y);
        ref float output = ref MemoryMarshal.GetReference(y);
        ref float weights = ref MemoryMarshal.GetArrayDataReference(w);
        int j = 0;
        for (; j + RowsAtOnce <= count; j += RowsAtOnce) AddRows(ref output, n, ref weights, offsets.AsSpan(j, RowsAtOnce), values.AsSpan(j, RowsAtOnce));
        for (; j < count; j++) AddRow(ref output, n, ref Unsafe.Add(ref weights, offsets[j]), values[j]);
    }

    /// <summary>y[0..n] += Σ values[i]·W[offsets[i] / n, 0..n] over eight rows, added in that order: one load and store
    /// of y per eight multiply-adds. Vectors of 8 columns, then one of 4, then single columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRows(ref float y, int n, ref float weights, ReadOnlySpan<int> offsets, ReadOnlySpan<float> values)
    {
        ref float r0 = ref Unsafe.Add(ref weights, offsets[0]);
        ref float r1 = ref Unsafe.Add(ref weights, offsets[1]);
        ref float r2 = ref Unsafe.Add(ref weights, offsets[2]);
        ref float r3 = ref Unsafe.Add(ref weights, offsets[3]);
        ref float r4 = ref Unsafe.Add(ref weights, offsets[4]);
        ref float r5 = ref Unsafe.Add(ref weights, offsets[5]);
        ref float r6 = ref Unsafe.Add(ref weights, offsets[6]);
        ref float r7 = ref Unsafe.Add(ref weights, offsets[7]);
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
                sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref weights, offsets[i] + column), values[i], sum);
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

    /// <summary>Where the row's nonzero entries' rows of W start (each entry's index times <paramref name="stride"/>,
    /// so that the kernels read a row without a multiplication) and their values, in order, and where those of each
    /// block of <paramref name="depthBlock"/> inputs end. With AVX-512, sixteen entries at a time are compared with
    /// zero and the nonzero ones packed to the front of a register (vcompressps); else whole vectors of zeros are
    /// skipped, and within a vector each entry is written and kept only when nonzero, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(ReadOnlySpan<float> row, int stride, int depthBlock, Span<int> offsets, Span<float> values, Span<int> ends)
    {
        int count = 0;
        for (int depth = 0; depth < ends.Length; depth++)
        {
            int i = depth * depthBlock, blockEnd = Math.Min(row.Length, i + depthBlock);
            if (Avx512F.IsSupported) i = GatherVectors512(row, i, blockEnd, stride, offsets, values, ref count);
            for (; i + Vector256<float>.Count <= blockEnd; i += Vector256<float>.Count)
            {
                if (Vector256.EqualsAll(Vector256.Create(row.Slice(i, Vector256<float>.Count)), Vector256<float>.Zero)) continue;
                for (int j = i; j < i + Vector256<float>.Count; j++) count = Keep(row[j], j * stride, offsets, values, count);
            }
            for (; i < blockEnd; i++) count = Keep(row[i], i * stride, offsets, values, count);
            ends[depth] = count;
        }
    }

    /// <summary>Gathers row[from..end] sixteen at a time, as far as whole vectors go; returns where it stopped. A
    /// vector's 16 packed lanes are stored whole at <paramref name="count"/>: as count never passes the vector's own
    /// start, they stay within the row's part of <paramref name="offsets"/> and <paramref name="values"/>, and the
    /// lanes past the nonzero ones are overwritten by the next vector's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GatherVectors512(ReadOnlySpan<float> row, int from, int end, int stride, Span<int> offsets, Span<float> values, ref int count)
    {
        var laneOffsets = Vector512.CreateSequence(0, stride);
        ref float input = ref MemoryMarshal.GetReference(row);
        ref int offsetsStart = ref MemoryMarshal.GetReference(offsets);
        ref float valuesStart = ref MemoryMarshal.GetReference(values);
        int i = from;
        for (; i + Vector512<float>.Count <= end; i += Vector512<float>.Count)
        {
            var vector = Vector512.LoadUnsafe(ref input, (nuint)i);
            var nonzero = ~Vector512.Equals(vector, Vector512<float>.Zero);
            uint kept = (uint)BitOperations.PopCount(nonzero.ExtractMostSignificantBits());
            if (kept == 0) continue;
            Avx512F.Compress(Vector512<float>.Zero, nonzero, vector).StoreUnsafe(ref valuesStart, (nuint)count);
            Avx512F.Compress(Vector512<int>.Zero, nonzero.AsInt32(), laneOffsets + Vector512.Create(i * stride)).StoreUnsafe(ref offsetsStart, (nuint)count);
            count += (int)kept;
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Keep(float value, int offset, Span<int> offsets, Span<float> values, int count)
    {
        offsets[count] = offset;
        values[count] = value;
        return count + (value != 0f ? 1 : 0);
    }

    /// <summary>output[0..8·lanes] = initial[0..8·lanes] + Σ values[j]·W[indices[j], block's columns], for a wide
    /// block's rows, in eight registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Wide<TLanes, TVector>(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, ref float weights, ref float initial, ref float output)
        where TLanes : struct, IFloatLanes<TVector> where TVector : struct
    {
        nuint lanes = (nuint)TLanes.Count;
        nint width = 8 * TLanes.Count;
        var y0 = TLanes.Load(ref initial, 0);
        var y1 = TLanes.Load(ref initial, lanes);
        var y2 = TLanes.Load(ref initial, 2 * lanes);
        var y3 = TLanes.Load(ref initial, 3 * lanes);
        var y4 = TLanes.Load(ref initial, 4 * lanes);
        var y5 = TLanes.Load(ref initial, 5 * lanes);
        var y6 = TLanes.Load(ref initial, 6 * lanes);
        var y7 = TLanes.Load(ref initial, 7 * lanes);
        values = values[..indices.Length];
        for (int j = 0; j < indices.Length; j++)
        {
            var value = TLanes.Broadcast(values[j]);
            ref float row = ref Unsafe.Add(ref weights, indices[j] * width);
            y0 = TLanes.MultiplyAdd(TLanes.Load(ref row, 0), value, y0);
            y1 = TLanes.MultiplyAdd(TLanes.Load(ref row, lanes), value, y1);
            y2 = TLanes.MultiplyAdd(TLanes.Load(ref row, 2 * lanes), value, y2);
            y3 = TLanes.MultiplyAdd(TLanes.Load(ref row, 3 * lanes), value, y3);
            y4 = TLanes.MultiplyAdd(TLanes.Load(ref row, 4 * lanes), value, y4);
            y5 = TLanes.MultiplyAdd(TLanes.Load(ref row, 5 * lanes), value, y5);
            y6 = TLanes.MultiplyAdd(TLanes.Load(ref row, 6 * lanes), value, y6);
            y7 = TLanes.MultiplyAdd(TLanes.Load(ref row, 7 * lanes), value, y7);
        }
        TLanes.Store(y0, ref output, 0);
        TLanes.Store(y1, ref output, lanes);
        TLanes.Store(y2, ref output, 2 * lanes);
        TLanes.Store(y3, ref output, 3 * lanes);
        TLanes.Store(y4, ref output, 4 * lanes);
        TLanes.Store(y5, ref output, 5 * lanes);
        TLanes.Store(y6, ref output, 6 * lanes);
        TLanes.Store(y7, ref output, 7 * lanes);
    }

    /// <summary>As <see cref="Wide{TLanes, TVector}"/> in four registers for each of two rows (a and b) at once: eight
    /// independent sums, as many as keep the multiply-add units busy, for half as many columns. Each row's sums are
    /// still added in its own order, the longer row's last entries alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pair<TLanes, TVector>(ReadOnlySpan<int> indicesA, ReadOnlySpan<float> valuesA, ref float initialA, ref float outputA,
        ReadOnlySpan<int> indicesB, ReadOnlySpan<float> valuesB, ref float initialB, ref float outputB, ref float weights)
        where TLanes : struct, IFloatLanes<TVector> where TVector : struct
    {
        nuint lanes = (nuint)TLanes.Count;
        nint width = 4 * TLanes.Count;
        var a0 = TLanes.Load(ref initialA, 0);
        var a1 = TLanes.Load(ref initialA, lanes);
        var a2 = TLanes.Load(ref initialA, 2 * lanes);
        var a3 = TLanes.Load(ref initialA, 3 * lanes);
        var b0 = TLanes.Load(ref initialB, 0);
        var b1 = TLanes.Load(ref initialB, lanes);
        var b2 = TLanes.Load(ref initialB, 2 * lanes);
        var b3 = TLanes.Load(ref initialB, 3 * lanes);
        valuesA = valuesA[..indicesA.Length];
        valuesB = valuesB[..indicesB.Length];
        int both = Math.Min(indicesA.Length, indicesB.Length), j = 0;
        for (; j < both; j++)
        {
            var valueA = TLanes.Broadcast(valuesA[j]);
            var valueB = TLanes.Broadcast(valuesB[j]);
            ref float rowA = ref Unsafe.Add(ref weights, indicesA[j] * width);
            ref float rowB = ref Unsafe.Add(ref weights, indicesB[j] * width);
            a0 = TLanes.MultiplyAdd(TLanes.Load(ref rowA, 0), valueA, a0);
            b0 = TLanes.MultiplyAdd(TLanes.Load(ref rowB, 0), valueB, b0);
            a1 = TLanes.MultiplyAdd(TLanes.Load(ref rowA, lanes), valueA, a1);
            b1 = TLanes.MultiplyAdd(TLanes.Load(ref rowB, lanes), valueB, b1);
            a2 = TLanes.MultiplyAdd(TLanes.Load(ref rowA, 2 * lanes), valueA, a2);
            b2 = TLanes.MultiplyAdd(TLanes.Load(ref rowB, 2 * lanes), valueB, b2);
            a3 = TLanes.MultiplyAdd(TLanes.Load(ref rowA, 3 * lanes), valueA, a3);
            b3 = TLanes.MultiplyAdd(TLanes.Load(ref rowB, 3 * lanes), valueB, b3);
        }
        for (int i = j; i < indicesA.Length; i++)
        {
            var value = TLanes.Broadcast(valuesA[i]);
            ref float row = ref Unsafe.Add(ref weights, indicesA[i] * width);
            a0 = TLanes.MultiplyAdd(TLanes.Load(ref row, 0), value, a0);
            a1 = TLanes.MultiplyAdd(TLanes.Load(ref row, lanes), value, a1);
            a2 = TLanes.MultiplyAdd(TLanes.Load(ref row, 2 * lanes), value, a2);
            a3 = TLanes.MultiplyAdd(TLanes.Load(ref row, 3 * lanes), value, a3);
        }
        for (int i = j; i < indicesB.Length; i++)
        {
            var value = TLanes.Broadcast(valuesB[i]);
            ref float row = ref Unsafe.Add(ref weights, indicesB[i] * width);
            b0 = TLanes.MultiplyAdd(TLanes.Load(ref row, 0), value, b0);
            b1 = TLanes.MultiplyAdd(TLanes.Load(ref row, lanes), value, b1);
            b2 = TLanes.MultiplyAdd(TLanes.Load(ref row, 2 * lanes), value, b2);
            b3 = TLanes.MultiplyAdd(TLanes.Load(ref row, 3 * lanes), value, b3);
        }
        TLanes.Store(a0, ref outputA, 0);
        TLanes.Store(a1, ref outputA, lanes);
        TLanes.Store(a2, ref outputA, 2 * lanes);
        TLanes.Store(a3, ref outputA, 3 * lanes);
        TLanes.Store(b0, ref outputB, 0);
        TLanes.Store(b1, ref outputB, lanes);
        TLanes.Store(b2, ref outputB, 2 * lanes);
        TLanes.Store(b3, ref outputB, 3 * lanes);
    }

    /// <summary>One register of columns (rows narrower than four registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Narrow<TLanes, TVector>(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, ref float weights, ref float initial, ref float output)
        where TLanes : struct, IFloatLanes<TVector> where TVector : struct
    {
        var sum = TLanes.Load(ref initial, 0);
        values = values[..indices.Length];
        for (int j = 0; j < indices.Length; j++)
            sum = TLanes.MultiplyAdd(TLanes.Load(ref Unsafe.Add(ref weights, indices[j] * TLanes.Count), 0), TLanes.Broadcast(values[j]), sum);
        TLanes.Store(sum, ref output, 0);
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
