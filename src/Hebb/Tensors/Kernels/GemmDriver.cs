using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hebb.Tensors.Kernels;

/// <summary>
/// The Goto/BLIS loops around a micro-kernel. Columns of C are cut into blocks of at most <see cref="MaxColumnBlock"/>,
/// the depth into blocks of at most <see cref="MaxDepthBlock"/>, rows into blocks of at most <see cref="MaxRowBlock"/>.
/// For each column block and depth block, B is packed once (a KC × NC panel, for L3); for each row block inside it,
/// A is packed (an MC × KC block, for L2); then every packed panel of B (KC × Columns, for L1) meets all the panels of
/// that block of A. A product too small to reuse an operand reads it where it lies (see <see cref="PacksA"/>,
/// <see cref="PacksB"/>). Threads that split the rows of C all need the whole of B: they pack it together into a
/// buffer they share, each a share of its panels, and wait for each other before they use it.
/// </summary>
internal sealed class GemmDriver<TKernel> : IPartitionedWork where TKernel : struct, IMicroKernel
{
    // KC: a packed panel of B, depth × Columns floats, stays in L1 while the panels of A pass: 16 KiB for AVX2's 16
    // columns, 32 KiB for AVX-512's 32 of a 48 KiB L1 (Zen 5). Halving the AVX-512 panel to 16 KiB (128 steps) made
    // each depth block's load and store of C twice as frequent and the large products 2-6% slower on 1 thread.
    private const int MaxDepthBlock = 256;
    // MC: a packed block of A, at most 48 Ki floats (192 KiB), stays in a 512 KiB L2 while the panels of B pass.
    private static int MaxRowBlock => 49152 / MaxDepthBlock / TKernel.Rows * TKernel.Rows;
    // NC: a packed panel of B of at most 4 MiB for L3.
    private const int MaxColumnBlock = 4096;
    // Below this many multiply-adds per thread, waking a second thread costs more than it saves.
    private const long MinimumWorkPerThread = 200_000;

    [ThreadStatic] private static GemmDriver<TKernel>? cached;
    [ThreadStatic] private static PackingBuffer? packedA;
    [ThreadStatic] private static PackingBuffer? packedB;

    // B packed by all the threads of a row split, two blocks of it: a thread may pack the next depth block while
    // another still reads the last, since both have passed the wait that follows the packing of the last.
    private readonly PackingBuffer[] sharedB = [new(), new()];
    private int sharedBLength;
    private int arrived, generation;

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
        if (parts > 1 && !job.splitColumns)
        {
            // Sized here, before any thread packs into them.
            job.sharedBLength = EqualBlock(n, MaxColumnBlock, TKernel.Columns) * EqualBlock(k, MaxDepthBlock, 1);
            foreach (var buffer in job.sharedB) buffer.Get(job.sharedBLength);
            job.arrived = 0;
        }
        try { WorkerPool.Run(job, parts); }
        finally { (job.a, job.b, job.c) = ([], [], []); }
    }

    /// <summary>One thread's share: a range of whole column panels or of whole row panels of C. Every element of C is
    /// summed by one thread, depth block after depth block, so the result does not depend on the split.</summary>
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
        // No part is empty (there are no more parts than panels), so every part of a row split reaches each wait.
        bool shareB = parts > 1 && !splitColumns;
        if (rowEnd > rowStart && columnEnd > columnStart)
            Block(rowStart, rowEnd, columnStart, columnEnd, shareB ? part : 0, shareB ? parts : 1);
    }

    // A panel of A is used once per panel of B and the other way round: with few panels of the other operand,
    // packing costs more than it saves (32 x 784 x 128 ran at 55 GFLOP/s with A packed, 68 read in place, before the
    // packing was vectorised). From 4 panels on (n = 100, 128), packed A gave the same fastest calls as A in place and
    // typical calls 1.15-1.20x faster, on a busy machine where other programs' data pushes A's rows out of cache.
    // B stored [n, k] is always packed, as the kernel reads B by rows.
    private bool PacksA => n >= 4 * TKernel.Columns;

    private bool PacksB => layout == MatrixLayout.ABt || m > TKernel.Rows;

    // Hot kernels (here and in packing, activations, softmax, pixel scaling) are compiled optimised at their
    // first call: under tiered compilation the first epoch of a run would spend seconds in unoptimised code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Block(int rowStart, int rowEnd, int columnStart, int columnEnd, int part, int sharingParts)
    {
        int rows = TKernel.Rows, columns = TKernel.Columns;
        // Equal blocks (k = 784 gives 4 × 196, not 3 × 256 + 16), each a whole number of panels.
        int depthBlock = EqualBlock(k, MaxDepthBlock, 1);
        int rowBlock = EqualBlock(rowEnd - rowStart, MaxRowBlock, rows);
        int columnBlock = EqualBlock(columnEnd - columnStart, MaxColumnBlock, columns);
        bool shareB = sharingParts > 1;
        var ownB = shareB ? [] : (packedB ??= new PackingBuffer()).Get(columnBlock * depthBlock);
        var aBuffer = (packedA ??= new PackingBuffer()).Get(rowBlock * depthBlock);
        int blocksOfB = 0;
        for (int blockColumn = columnStart; blockColumn < columnEnd; blockColumn += columnBlock)
        {
            int blockColumnEnd = Math.Min(columnEnd, blockColumn + columnBlock);
            for (int depthStart = 0; depthStart < k; depthStart += depthBlock)
            {
                int depth = Math.Min(depthBlock, k - depthStart);
                bool loadC = accumulate || depthStart > 0;
                var bBuffer = ownB;
                if (shareB)
                {
                    bBuffer = sharedB[blocksOfB++ % 2].Get(sharedBLength);
                    PackShareOfB(part, sharingParts, depthStart, depth, blockColumn, blockColumnEnd, bBuffer);
                    WaitForAllParts(sharingParts);
                }
                else PackB(depthStart, depth, blockColumn, blockColumnEnd, bBuffer);
                for (int blockRow = rowStart; blockRow < rowEnd; blockRow += rowBlock)
                {
                    int blockRowEnd = Math.Min(rowEnd, blockRow + rowBlock);
                    PackA(blockRow, blockRowEnd, depthStart, depth, aBuffer);
                    if (PacksA && PacksB) PackedTiles(blockRow, blockRowEnd, blockColumn, blockColumnEnd, depth, loadC, aBuffer, bBuffer);
                    else Tiles(blockRow, blockRowEnd, blockColumn, blockColumnEnd, depthStart, depth, loadC, aBuffer, bBuffer);
                }
            }
        }
    }

    /// <summary>The tiles of one block of C from packed A and packed B: the strides are constants, so the inlined kernel
    /// addresses A and B with fixed offsets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackedTiles(int blockRow, int blockRowEnd, int blockColumn, int blockColumnEnd, int depth, bool loadC, Span<float> aBuffer, Span<float> bBuffer)
    {
        int rows = TKernel.Rows, columns = TKernel.Columns;
        int rowPanels = (blockRowEnd - blockRow + rows - 1) / rows;
        int columnPanels = (blockColumnEnd - blockColumn + columns - 1) / columns;
        for (int columnPanel = 0; columnPanel < columnPanels; columnPanel++)
        {
            int column = blockColumn + columnPanel * columns;
            int validColumns = Math.Min(columns, blockColumnEnd - column);
            ref float bPanel = ref bBuffer[columnPanel * depth * columns];
            for (int rowPanel = 0; rowPanel < rowPanels; rowPanel++)
            {
                int row = blockRow + rowPanel * rows;
                int validRows = Math.Min(rows, blockRowEnd - row);
                ref float aPanel = ref aBuffer[rowPanel * depth * rows];
                if (validRows == rows && validColumns == columns)
                    TKernel.Multiply(depth, ref aPanel, TKernel.Rows, 1, ref bPanel, TKernel.Columns, ref c[row * n + column], n, loadC);
                else
                    EdgeTile(depth, ref aPanel, rows, 1, ref bPanel, columns, row, column, validRows, validColumns, loadC);
            }
        }
    }

    /// <summary>The tiles of one block of C where A or B is read in place (a small product; see <see cref="PacksA"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Tiles(int blockRow, int blockRowEnd, int blockColumn, int blockColumnEnd, int depthStart, int depth, bool loadC, Span<float> aBuffer, Span<float> bBuffer)
    {
        int rows = TKernel.Rows, columns = TKernel.Columns;
        int rowPanels = (blockRowEnd - blockRow + rows - 1) / rows;
        int columnPanels = (blockColumnEnd - blockColumn + columns - 1) / columns;
        for (int columnPanel = 0; columnPanel < columnPanels; columnPanel++)
        {
            int column = blockColumn + columnPanel * columns;
            int validColumns = Math.Min(columns, blockColumnEnd - column);
            bool bInPlace = ReadsBInPlace(validColumns);
            ref float bPanel = ref bInPlace ? ref b[depthStart * n + column] : ref bBuffer[columnPanel * depth * columns];
            int bStride = bInPlace ? n : columns;
            for (int rowPanel = 0; rowPanel < rowPanels; rowPanel++)
            {
                int row = blockRow + rowPanel * rows;
                int validRows = Math.Min(rows, blockRowEnd - row);
                bool aInPlace = ReadsAInPlace(validRows);
                ref float aPanel = ref !aInPlace ? ref aBuffer[rowPanel * depth * rows]
                    : ref layout == MatrixLayout.AtB ? ref a[depthStart * m + row] : ref a[row * k + depthStart];
                // Packed, and stored [k, m]: a panel's rows lie side by side; stored [m, k]: k apart.
                int aStride = !aInPlace ? rows : layout == MatrixLayout.AtB ? m : 1;
                int aRowStride = aInPlace && layout != MatrixLayout.AtB ? k : 1;
                if (validRows == rows && validColumns == columns)
                    TKernel.Multiply(depth, ref aPanel, aStride, aRowStride, ref bPanel, bStride, ref c[row * n + column], n, loadC);
                else
                    EdgeTile(depth, ref aPanel, aStride, aRowStride, ref bPanel, bStride, row, column, validRows, validColumns, loadC);
            }
        }
    }

    // Read in place, the kernel takes a full panel of A whatever the layout: its rows side by side and steps m apart
    // when A is stored [k, m], its rows k apart and steps side by side when stored [m, k]; B stored [k, n] likewise.
    // Panels that overhang the matrix are always packed, for their zero padding.
    private bool ReadsAInPlace(int validRows) => !PacksA && validRows == TKernel.Rows;

    private bool ReadsBInPlace(int validColumns) => !PacksB && layout != MatrixLayout.ABt && validColumns == TKernel.Columns;

    private void PackA(int blockStart, int blockEnd, int depthStart, int depth, Span<float> buffer)
    {
        int rows = TKernel.Rows;
        int packFrom = PacksA ? blockStart : blockEnd - (blockEnd - blockStart) % rows;
        if (packFrom >= blockEnd) return;
        int offset = (packFrom - blockStart) / rows * depth * rows;
        GemmPacking.PackA(layout, a, m, k, packFrom, blockEnd, depthStart, depth, rows, buffer[offset..]);
    }

    /// <summary>Part <paramref name="part"/>'s share of the panels of a block of B that all parts use.</summary>
    private void PackShareOfB(int part, int parts, int depthStart, int depth, int columnStart, int columnEnd, Span<float> buffer)
    {
        int columns = TKernel.Columns;
        int panels = (columnEnd - columnStart + columns - 1) / columns;
        int firstPanel = panels * part / parts, endPanel = panels * (part + 1) / parts;
        int shareStart = columnStart + firstPanel * columns, shareEnd = Math.Min(columnEnd, columnStart + endPanel * columns);
        if (shareEnd > shareStart) PackB(depthStart, depth, shareStart, shareEnd, buffer[(firstPanel * depth * columns)..]);
    }

    /// <summary>Returns when all <paramref name="parts"/> parts have called it (the parts run at once, on the pool's
    /// threads); they spin, as the other part's packing takes microseconds.</summary>
    private void WaitForAllParts(int parts)
    {
        int current = Volatile.Read(ref generation);
        if (Interlocked.Increment(ref arrived) == parts)
        {
            arrived = 0;
            Volatile.Write(ref generation, current + 1);
            return;
        }
        var spinner = new SpinWait();
        while (Volatile.Read(ref generation) == current) spinner.SpinOnce(sleep1Threshold: -1);
    }

    private void PackB(int depthStart, int depth, int columnStart, int columnEnd, Span<float> buffer)
    {
        int columns = TKernel.Columns;
        int packFrom = PacksB ? columnStart : columnEnd - (columnEnd - columnStart) % columns;
        if (packFrom >= columnEnd) return;
        int offset = (packFrom - columnStart) / columns * depth * columns;
        GemmPacking.PackB(layout, b, k, n, depthStart, depth, packFrom, columnEnd, columns, buffer[offset..]);
    }

    /// <summary>A tile that overhangs C: computed in a scratch tile, of which the valid part is kept. When it is
    /// at most half a panel wide, the narrow kernel computes only that half; when at most half a panel high (m = 128 leaves
    /// 2 rows of 6), the short kernel computes only the upper half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EdgeTile(int depth, ref float aPanel, int aStride, int aRowStride, ref float bPanel, int bStride, int row, int column, int validRows, int validColumns, bool loadC)
    {
        int columns = TKernel.Columns;
        Span<float> tile = stackalloc float[TKernel.Rows * TKernel.Columns];
        bool narrow = validColumns <= columns / 2;
        bool isShort = !narrow && validRows <= (TKernel.Rows + 1) / 2;
        tile.Clear();
        if (loadC)
            for (int r = 0; r < validRows; r++)
                c.AsSpan((row + r) * n + column, validColumns).CopyTo(tile.Slice(r * columns));
        ref float tileStart = ref MemoryMarshal.GetReference(tile);
        if (isShort) TKernel.MultiplyShort(depth, ref aPanel, aStride, aRowStride, ref bPanel, bStride, ref tileStart, columns, loadC: true);
        else if (narrow) TKernel.MultiplyNarrow(depth, ref aPanel, aStride, aRowStride, ref bPanel, bStride, ref tileStart, columns, loadC: true);
        else TKernel.Multiply(depth, ref aPanel, aStride, aRowStride, ref bPanel, bStride, ref tileStart, columns, loadC: true);
        for (int r = 0; r < validRows; r++)
            tile.Slice(r * columns, validColumns).CopyTo(c.AsSpan((row + r) * n + column));
    }

    /// <summary>The smallest multiple of <paramref name="unit"/> that cuts <paramref name="length"/> into as few equal
    /// blocks of at most <paramref name="max"/> as possible.</summary>
    private static int EqualBlock(int length, int max, int unit)
    {
        int blocks = (length + max - 1) / max;
        int block = (length + blocks - 1) / blocks;
        return (block + unit - 1) / unit * unit;
    }
}
