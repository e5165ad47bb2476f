using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hebb.Tensors.Kernels;

/// <summary>
/// The blocked loops around a micro-kernel. For each block of rows (<see cref="RowBlock"/>) and each block of k
/// (<see cref="MaxDepthBlock"/> deep at most), every panel of B stays in L1 while all the panels of A pass over it. Panels
/// are packed only where the kernel could not read them in place (see <see cref="ReadsAInPlace"/>).
/// </summary>
internal sealed class GemmDriver<TKernel> : IPartitionedWork where TKernel : struct, IMicroKernel
{
    // The depth is cut into equal blocks of at most this many steps (k = 300 gives 150 + 150, not 128 + 128 + 44),
    // so that a panel of B (depth × 32 floats, 20 KiB at most) stays in L1 with room to spare.
    private const int MaxDepthBlock = 160;
    private const int RowBlock = 320;
    // Below this many multiply-adds per thread, waking a second thread costs more than it saves.
    private const long MinimumWorkPerThread = 200_000;

    [ThreadStatic] private static GemmDriver<TKernel>? cached;
    [ThreadStatic] private static float[]? packedA;
    [ThreadStatic] private static float[]? packedB;

    private MatrixLayout layout;
    private float[] a = [], b = [], c = [];
    private int m, k, n;
    private bool accumulate, splitColumns;

    public static void Run(MatrixLayout layout, float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate)
    {
        var job = cached ??= new GemmDriver<TKernel>();
        job.layout = layout;
        (job.a, job.b, job.c) = (a, b, c);
        (job.m, job.k, job.n) = (m, k, n);
        job.accumulate = accumulate;
        int rowPanels = (m + TKernel.Rows - 1) / TKernel.Rows;
        int columnPanels = (n + TKernel.Columns - 1) / TKernel.Columns;
        job.splitColumns = columnPanels >= rowPanels;
        long threads = Math.Min(Parallelism.ThreadCount, Math.Max(1, (long)m * n * k / MinimumWorkPerThread));
        int parts = (int)Math.Min(threads, job.splitColumns ? columnPanels : rowPanels);
        try { WorkerPool.Run(job, parts); }
        finally { (job.a, job.b, job.c) = ([], [], []); }
    }

    public void Run(int part, int parts)
    {
        int rowPanels = (m + TKernel.Rows - 1) / TKernel.Rows;
        int columnPanels = (n + TKernel.Columns - 1) / TKernel.Columns;
        int rowStart = 0, rowEnd = m, columnStart = 0, columnEnd = n;
        if (splitColumns)
        {
            columnStart = Math.Min(n, columnPanels * part / parts * TKernel.Columns);
            columnEnd = Math.Min(n, columnPanels * (part + 1) / parts * TKernel.Columns);
        }
        else
        {
            rowStart = Math.Min(m, rowPanels * part / parts * TKernel.Rows);
            rowEnd = Math.Min(m, rowPanels * (part + 1) / parts * TKernel.Rows);
        }
        if (rowEnd > rowStart && columnEnd > columnStart)
            Block(rowStart, rowEnd, columnStart, columnEnd);
    }

    // Hot kernels (here and in packing, activations, softmax, pixel scaling) are compiled optimised at their
    // first call: under tiered compilation the first epoch of a run would spend seconds in unoptimised code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Block(int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        int rows = TKernel.Rows, columns = TKernel.Columns;
        int columnPanels = (columnEnd - columnStart + columns - 1) / columns;
        int depthBlocks = (k + MaxDepthBlock - 1) / MaxDepthBlock;
        int depthBlock = (k + depthBlocks - 1) / depthBlocks;
        var bBuffer = Buffer(ref packedB, columnPanels * columns * depthBlock);
        var aBuffer = Buffer(ref packedA, (Math.Min(RowBlock, rowEnd - rowStart) + rows) * depthBlock);
        Span<float> edgeTile = stackalloc float[rows * columns];
        // Rows outside, depth inside: a block of C stays in L2 while the whole depth passes through it.
        for (int blockStart = rowStart; blockStart < rowEnd; blockStart += RowBlock)
        {
            int blockEnd = Math.Min(rowEnd, blockStart + RowBlock);
            int rowPanels = (blockEnd - blockStart + rows - 1) / rows;
            for (int depthStart = 0; depthStart < k; depthStart += depthBlock)
            {
                int depth = Math.Min(depthBlock, k - depthStart);
                bool loadC = accumulate || depthStart > 0;
                PackB(depthStart, depth, columnStart, columnEnd, bBuffer);
                PackA(blockStart, blockEnd, depthStart, depth, aBuffer);
                for (int columnPanel = 0; columnPanel < columnPanels; columnPanel++)
                {
                    int column = columnStart + columnPanel * columns;
                    int validColumns = Math.Min(columns, columnEnd - column);
                    bool bInPlace = ReadsBInPlace(validColumns);
                    ref float bPanel = ref bInPlace ? ref b[depthStart * n + column] : ref bBuffer[columnPanel * depth * columns];
                    int bStride = bInPlace ? n : columns;
                    for (int rowPanel = 0; rowPanel < rowPanels; rowPanel++)
                    {
                        int row = blockStart + rowPanel * rows;
                        int validRows = Math.Min(rows, blockEnd - row);
                        bool aInPlace = ReadsAInPlace(validRows);
                        ref float aPanel = ref !aInPlace ? ref aBuffer[rowPanel * depth * rows]
                            : ref layout == MatrixLayout.AtB ? ref a[depthStart * m + row] : ref a[row * k + depthStart];
                        // Packed, and stored [k, m]: a panel's rows lie side by side; stored [m, k]: k apart.
                        int aStride = !aInPlace ? rows : layout == MatrixLayout.AtB ? m : 1;
                        int aRowStride = aInPlace && layout != MatrixLayout.AtB ? k : 1;
                        if (validRows == rows && validColumns == columns)
                            TKernel.Multiply(depth, ref aPanel, aStride, aRowStride, ref bPanel, bStride, ref c[row * n + column], n, loadC);
                        else
                            EdgeTile(depth, ref aPanel, aStride, aRowStride, ref bPanel, bStride, row, column, validRows, validColumns, loadC, edgeTile);
                    }
                }
            }
        }
    }

    // The kernel reads a full panel of A where it lies, whatever the layout: its rows side by side and steps m
    // apart when A is stored [k, m], its rows k apart and steps side by side when stored [m, k]. B stored [k, n]
    // is read in place too. Only the rest is packed: B stored [n, k], and the panels that overhang the matrix
    // and need zero padding.
    private bool ReadsAInPlace(int validRows) => validRows == TKernel.Rows;

    private bool ReadsBInPlace(int validColumns) => layout != MatrixLayout.ABt && validColumns == TKernel.Columns;

    private void PackA(int blockStart, int blockEnd, int depthStart, int depth, Span<float> buffer)
    {
        int rows = TKernel.Rows;
        int packFrom = blockEnd - (blockEnd - blockStart) % rows;
        if (packFrom >= blockEnd) return;
        int offset = (packFrom - blockStart) / rows * depth * rows;
        GemmPacking.PackA(layout, a, m, k, packFrom, blockEnd, depthStart, depth, rows, buffer[offset..]);
    }

    private void PackB(int depthStart, int depth, int columnStart, int columnEnd, Span<float> buffer)
    {
        int columns = TKernel.Columns;
        int packFrom = columnStart;
        if (layout != MatrixLayout.ABt) packFrom = columnEnd - (columnEnd - columnStart) % columns;
        if (packFrom >= columnEnd) return;
        int offset = (packFrom - columnStart) / columns * depth * columns;
        GemmPacking.PackB(layout, b, k, n, depthStart, depth, packFrom, columnEnd, columns, buffer[offset..]);
    }

    /// <summary>A tile that overhangs C: computed in a scratch tile, of which the valid part is kept. When it is
    /// at most half a panel wide, the narrow kernel computes only that half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EdgeTile(int depth, ref float aPanel, int aStride, int aRowStride, ref float bPanel, int bStride, int row, int column, int validRows, int validColumns, bool loadC, Span<float> tile)
    {
        int columns = TKernel.Columns;
        bool narrow = validColumns <= columns / 2;
        tile.Clear();
        if (loadC)
            for (int r = 0; r < validRows; r++)
                c.AsSpan((row + r) * n + column, validColumns).CopyTo(tile.Slice(r * columns));
        ref float tileStart = ref MemoryMarshal.GetReference(tile);
        if (narrow) TKernel.MultiplyNarrow(depth, ref aPanel, aStride, aRowStride, ref bPanel, bStride, ref tileStart, columns, loadC: true);
        else TKernel.Multiply(depth, ref aPanel, aStride, aRowStride, ref bPanel, bStride, ref tileStart, columns, loadC: true);
        for (int r = 0; r < validRows; r++)
            tile.Slice(r * columns, validColumns).CopyTo(c.AsSpan((row + r) * n + column));
    }

    private static Span<float> Buffer(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new float[Math.Max(length, (buffer?.Length ?? 0) * 2)];
        return buffer;
    }
}
