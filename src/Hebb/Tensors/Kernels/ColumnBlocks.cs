using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Hebb.Tensors.Kernels;

/// <summary>
/// A copy of W [k, n] (row-major) cut into blocks of columns, each stored as its own [k, width] row-major matrix:
/// the layout <see cref="MatrixVector"/> reads. A block's row of one input is then 256 contiguous bytes next to the
/// next input's, instead of 4·n bytes apart, so a run of inputs reads one compact stretch of memory that the
/// hardware prefetcher streams and that L1 holds without conflicts. Blocks are wide (64 columns) while they fit;
/// the rest is one wide block ending at n when it is more than two vectors, else narrow (8-column) ones, the last
/// ending at n, else single columns (rows narrower than a vector). A block ending at n overlaps the one before it;
/// the columns they share come out the same from both, being summed in the same order.
/// </summary>
internal sealed class ColumnBlocks
{
    /// <summary>Columns of a wide block: eight vectors of y stay in registers while the inputs stream past them.</summary>
    public static readonly int WideColumns = 8 * Vector256<float>.Count;

    /// <summary>Columns of a narrow block: one vector.</summary>
    public static readonly int NarrowColumns = Vector256<float>.Count;

    private readonly float[] data;
    private readonly List<(int Start, int Width, int Offset)> blocks = [];

    /// <summary>Copies <paramref name="w"/> [k, n] into column blocks.</summary>
    public ColumnBlocks(ReadOnlySpan<float> w, int k, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if ((long)k * n > w.Length) throw new ArgumentException($"column blocks of [{k}, {n}]: W holds only {w.Length} values", nameof(w));
        (K, N) = (k, n);
        int column = 0, offset = 0;
        void Add(int start, int width)
        {
            blocks.Add((start, width, offset));
            offset += k * width;
        }
        for (; column + WideColumns <= n; column += WideColumns) Add(column, WideColumns);
        if (column < n)
        {
            if (n >= WideColumns && n - column > 2 * NarrowColumns) Add(n - WideColumns, WideColumns);
            else if (n >= NarrowColumns)
            {
                for (; column + NarrowColumns <= n; column += NarrowColumns) Add(column, NarrowColumns);
                if (column < n) Add(n - NarrowColumns, NarrowColumns);
            }
            else for (; column < n; column++) Add(column, 1);
        }
        data = new float[offset];
        foreach (var (start, width, at) in blocks)
            for (int i = 0; i < k; i++) w.Slice(i * n + start, width).CopyTo(data.AsSpan(at + i * width, width));
    }

    /// <summary>Rows of W: the inputs.</summary>
    public int K { get; }

    /// <summary>Columns of W: the outputs.</summary>
    public int N { get; }

    /// <summary>How many blocks.</summary>
    public int Count => blocks.Count;

    /// <summary>The first column of block <paramref name="block"/>.</summary>
    public int Start(int block) => blocks[block].Start;

    /// <summary>The columns of block <paramref name="block"/>: <see cref="WideColumns"/>, <see cref="NarrowColumns"/> or 1.</summary>
    public int Width(int block) => blocks[block].Width;

    /// <summary>Row <paramref name="row"/> of block <paramref name="block"/>; the block's next rows follow it, <see cref="Width"/> apart.</summary>
    public ref float Row(int block, int row) => ref data[blocks[block].Offset + row * blocks[block].Width];
}
