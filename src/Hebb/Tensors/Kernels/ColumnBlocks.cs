using System.Runtime.Intrinsics;

namespace Hebb.Tensors.Kernels;

/// <summary>
/// A copy of W [k, n] (row-major) cut into blocks of columns of one width, each stored as its own [k, width]
/// row-major matrix: the layout <see cref="MatrixVector"/> reads. A block's row of one input is then a few hundred
/// contiguous bytes next to the next input's, instead of 4·n bytes apart, so a run of inputs reads one compact
/// stretch of memory that the hardware prefetcher streams and that L1 holds without conflicts. The width is the
/// widest of <see cref="Widths"/> that fits in n, and the last block ends at n, overlapping the one before it when
/// the width does not divide n: the columns they share come out the same from both, being summed in the same order.
/// </summary>
/// <remarks>One width for all blocks because a block costs about the same per input whatever its width: eight
/// registers of sums keep both multiply-add units busy, and a block of one register waits on its one chain of
/// multiply-adds for as long. The fewest blocks that cover n is the fastest cover.</remarks>
internal sealed class ColumnBlocks
{
    /// <summary>Eight registers of sums (of 512 bits where the hardware has them, then of 256), one register, one
    /// column: the widths a block can have, widest first, each with its kernel in <see cref="MatrixVector"/>.</summary>
    public static readonly int[] Widths = Vector512.IsHardwareAccelerated
        ? [8 * Lanes512.Count, 8 * Lanes256.Count, Lanes512.Count, Lanes256.Count, 1]
        : [8 * Lanes256.Count, Lanes256.Count, 1];

    // The bytes of a block's rows that one depth block of MatrixVector reads, for a chunk of rows, from L1 (half of
    // the 32 to 48 KiB of a core's L1, for the inputs and sums beside it).
    private const int DepthBlockBytes = 24 * 1024;

    // On a cache line, so that a 512-bit register's row of a block is one line, not two halves (a load split across
    // two lines costs two).
    private readonly PackingBuffer data = new();
    private readonly int length;

    /// <summary>Copies <paramref name="w"/> [k, n] into column blocks of the widest of <see cref="Widths"/> that fits.</summary>
    public ColumnBlocks(ReadOnlySpan<float> w, int k, int n) : this(w, k, n, WidthFor(n)) { }

    /// <summary>Copies <paramref name="w"/> [k, n] into column blocks <paramref name="width"/> wide, one of
    /// <see cref="Widths"/> of 512 or 256 bits (at most n).</summary>
    public ColumnBlocks(ReadOnlySpan<float> w, int k, int n, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, n);
        if (width is not (128 or 64 or 16 or 8 or 1)) throw new ArgumentOutOfRangeException(nameof(width), width, "a column block is 128, 64, 16, 8 or 1 column wide");
        if ((long)k * n > w.Length) throw new ArgumentException($"column blocks of [{k}, {n}]: W holds only {w.Length} values", nameof(w));
        (K, N, Width) = (k, n, width);
        Count = (n + width - 1) / width;
        DepthBlock = Math.Max(1, DepthBlockBytes / (sizeof(float) * width));
        length = checked(Count * k * width);
        var blocks = data.Get(length);
        for (int block = 0; block < Count; block++)
            for (int i = 0; i < k; i++) w.Slice(i * n + Start(block), width).CopyTo(blocks.Slice((block * k + i) * width, width));
    }

    /// <summary>Rows of W: the inputs.</summary>
    public int K { get; }

    /// <summary>Columns of W: the outputs.</summary>
    public int N { get; }

    /// <summary>The columns of every block.</summary>
    public int Width { get; }

    /// <summary>How many blocks.</summary>
    public int Count { get; }

    /// <summary>The inputs whose rows of a block stay in L1 while a chunk of rows passes over them.</summary>
    public int DepthBlock { get; }

    /// <summary>The widest of <see cref="Widths"/> that fits in <paramref name="n"/> columns.</summary>
    public static int WidthFor(int n)
    {
        int at = 0;
        while (Widths[at] > n) at++;
        return Widths[at];
    }

    /// <summary>The first column of block <paramref name="block"/>.</summary>
    public int Start(int block) => Math.Min(block * Width, N - Width);

    /// <summary>Row <paramref name="row"/> of block <paramref name="block"/>; the block's next rows follow it, <see cref="Width"/> apart.</summary>
    public ref float Row(int block, int row) => ref data.Get(length)[(block * K + row) * Width];
}
