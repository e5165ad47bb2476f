using System.Runtime.Intrinsics;

namespace Hebb.Tensors.Kernels;

/// <summary>
/// A copy of W [k, n] (row-major) cut into blocks of columns, each stored as its own [k, width] row-major matrix:
/// the layout <see cref="MatrixVector"/> reads. A block's row of one input is then a few hundred contiguous bytes
/// next to the next input's, instead of 4·n bytes apart, so a run of inputs reads one compact stretch of memory that
/// the hardware prefetcher streams and that L1 holds without conflicts. The last block ends at n, overlapping the one
/// before it when the widths do not add up to n: the columns they share come out the same from both, being summed
/// in the same order.
/// </summary>
/// <remarks>
/// The blocks are as wide as <see cref="BlockKernel"/>s go: eight registers of sums (of the machine's widest)
/// keep both multiply-add units busy on one row; four registers take two rows at once for as
/// many independent sums; narrower than four registers, a block waits on its one chain of multiply-adds. Full blocks
/// of eight registers while they fit, and the rest in one more block of eight or four.
/// </remarks>
internal sealed class ColumnBlocks
{
    // The bytes of a block's rows that one depth block of MatrixVector reads, for a chunk of rows, from L1 (half of
    // the 32 to 48 KiB of a core's L1, for the inputs and sums beside it).
    private const int DepthBlockBytes = 24 * 1024;

    // On a cache line, so that a 512-bit register's row of a block is one line, not two halves (a load split across
    // two lines costs two).
    private readonly PackingBuffer data = new();
    private readonly int length;
    private readonly List<(int Start, BlockKernel Kernel, int Offset)> blocks = [];

    /// <summary>Copies <paramref name="w"/> [k, n] into column blocks for this machine's widest registers.</summary>
    public ColumnBlocks(ReadOnlySpan<float> w, int k, int n) : this(w, k, n, Vector512.IsHardwareAccelerated ? Lanes512.Count : Lanes256.Count) { }

    /// <summary>Copies <paramref name="w"/> [k, n] into column blocks for registers of <paramref name="lanes"/> floats
    /// (16 or 8; 16 runs emulated where AVX-512 is missing).</summary>
    public ColumnBlocks(ReadOnlySpan<float> w, int k, int n, int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (lanes is not (16 or 8)) throw new ArgumentOutOfRangeException(nameof(lanes), lanes, "column blocks are for registers of 16 or 8 floats");
        if ((long)k * n > w.Length) throw new ArgumentException($"column blocks of [{k}, {n}]: W holds only {w.Length} values", nameof(w));
        (K, N) = (k, n);
        var (main, count, last) = Layout(n, lanes);
        int offset = 0;
        void Add(int start, BlockKernel kernel)
        {
            blocks.Add((start, kernel, offset));
            offset = checked(offset + k * kernel.Width());
        }
        for (int block = 0; block < count; block++) Add(block * main.Width(), main);
        if (last is BlockKernel lastKernel) Add(n - lastKernel.Width(), lastKernel);
        length = offset;
        DepthBlock = Math.Max(1, DepthBlockBytes / (sizeof(float) * main.Width()));
        var copy = data.Get(length);
        foreach (var (start, kernel, at) in blocks)
        {
            int width = kernel.Width();
            for (int i = 0; i < k; i++) w.Slice(i * n + start, width).CopyTo(copy.Slice(at + i * width, width));
        }
    }

    /// <summary>Rows of W: the inputs.</summary>
    public int K { get; }

    /// <summary>Columns of W: the outputs.</summary>
    public int N { get; }

    /// <summary>How many blocks.</summary>
    public int Count => blocks.Count;

    /// <summary>The inputs whose rows of a block stay in L1 while a chunk of rows passes over them.</summary>
    public int DepthBlock { get; }

    /// <summary>The first column of block <paramref name="block"/>.</summary>
    public int Start(int block) => blocks[block].Start;

    /// <summary>The kernel, and so the width, of block <paramref name="block"/>.</summary>
    public BlockKernel Kernel(int block) => blocks[block].Kernel;

    /// <summary>Row <paramref name="row"/> of block <paramref name="block"/>; the block's next rows follow it, its width apart.</summary>
    public ref float Row(int block, int row) => ref data.Get(length)[blocks[block].Offset + row * blocks[block].Kernel.Width()];

    /// <summary>The steps of eight registers' multiply-adds that the blocks of a W of <paramref name="n"/> columns
    /// cost per input: one a block, half of one for a pair block (two rows in one).</summary>
    public static double StepsPerInput(int n, int lanes)
    {
        var (main, count, last) = Layout(n, lanes);
        static double Steps(BlockKernel kernel) => kernel is BlockKernel.Pair512 or BlockKernel.Pair256 ? 0.5 : 1;
        return count * Steps(main) + (last is BlockKernel lastKernel ? Steps(lastKernel) : 0);
    }

    /// <summary>The blocks: <paramref name="n"/> / its width blocks of one kernel side by side from column 0, and,
    /// when they fall short of n, one more ending at n. Eight registers while they fit, the rest in one more of
    /// eight or four; under eight, four registers (two rows at once); under four, single registers of
    /// <paramref name="lanes"/> or 8 floats, or columns.</summary>
    private static (BlockKernel Main, int Count, BlockKernel? Last) Layout(int n, int lanes)
    {
        var (wide, pair, narrow) = lanes == 16
            ? (BlockKernel.Wide512, BlockKernel.Pair512, BlockKernel.Narrow512)
            : (BlockKernel.Wide256, BlockKernel.Pair256, BlockKernel.Narrow256);
        var main = n >= wide.Width() ? wide : n >= pair.Width() ? pair : n >= narrow.Width() ? narrow : n >= BlockKernel.Narrow256.Width() ? BlockKernel.Narrow256 : BlockKernel.Scalar;
        int count = n / main.Width(), rest = n - count * main.Width();
        BlockKernel? last = rest == 0 ? null : main == wide && rest <= pair.Width() ? pair : main;
        return (main, count, last);
    }
}

/// <summary>The kernel of <see cref="MatrixVector"/> that reads a column block, which fixes the block's width.</summary>
internal enum BlockKernel
{
    /// <summary>Eight 512-bit registers of one row: 128 columns.</summary>
    Wide512,
    /// <summary>Eight 256-bit registers of one row: 64 columns.</summary>
    Wide256,
    /// <summary>Four 512-bit registers of each of two rows: 64 columns.</summary>
    Pair512,
    /// <summary>Four 256-bit registers of each of two rows: 32 columns.</summary>
    Pair256,
    /// <summary>One 512-bit register: 16 columns.</summary>
    Narrow512,
    /// <summary>One 256-bit register: 8 columns.</summary>
    Narrow256,
    /// <summary>One column.</summary>
    Scalar,
}

internal static class BlockKernels
{
    /// <summary>The columns a block of this kernel has.</summary>
    public static int Width(this BlockKernel kernel) => kernel switch
    {
        BlockKernel.Wide512 => 8 * Lanes512.Count,
        BlockKernel.Wide256 or BlockKernel.Pair512 => 8 * Lanes256.Count,
        BlockKernel.Pair256 => 4 * Lanes256.Count,
        BlockKernel.Narrow512 => Lanes512.Count,
        BlockKernel.Narrow256 => Lanes256.Count,
        _ => 1,
    };
}
