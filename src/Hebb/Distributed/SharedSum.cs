using System.Diagnostics;
using System.Numerics.Tensors;

namespace Hebb.Distributed;

/// <summary>
/// The element-wise sum over the ranks of one array of <see cref="Length"/> floats per rank, through a segment every rank
/// maps, as hierarchical allreduces do on one host (NCCL, Horovod): each rank writes its values into its own slot
/// (<see cref="Own"/>), all wait at a barrier (<see cref="SharedBarrier"/>, at the segment's start), each sums its share of the elements over the slots into the result, adding
/// the slots in rank order whichever rank does it (so the sums are those of one order, bit for bit, on every rank and in
/// every run), all wait at a second barrier, and every rank reads <see cref="Result"/>. No rank writes its slot again
/// before every rank has passed the second barrier, and no rank writes the result before every rank has passed the first
/// of the next sum, after its last read: two barriers a sum are enough.
/// </summary>
internal sealed class SharedSum
{
    // Each slot, and each rank's share of the result, starts on a 64-byte line: no two ranks write to one line.
    private const int LineFloats = 16;

    private readonly ISharedSegment segment;
    private readonly SharedBarrier barrier;
    private readonly int rank;
    private readonly int ranks;
    private readonly int stride;
    private readonly int shareStart;
    private readonly int shareEnd;
    private readonly Stopwatch? waiting;

    /// <summary>The sum for rank <paramref name="rank"/> of <paramref name="ranks"/>, over a segment of at least
    /// <see cref="SegmentFloats"/> floats; the time spent in the barriers, waiting for the slowest rank, goes to
    /// <paramref name="waiting"/>.</summary>
    public SharedSum(ISharedSegment segment, int rank, int ranks, int length, Stopwatch? waiting = null)
    {
        if (ranks < 2) throw new ArgumentOutOfRangeException(nameof(ranks), ranks, "a sum over ranks needs at least two");
        if (segment.Floats.Length < SegmentFloats(ranks, length))
            throw new ArgumentException($"a segment of {segment.Floats.Length} floats cannot hold {ranks} slots and the sum of {length}", nameof(segment));
        (this.segment, this.rank, this.ranks, Length, this.waiting) = (segment, rank, ranks, length, waiting);
        barrier = new SharedBarrier(segment, ranks);
        stride = Stride(length);
        shareStart = ShareBoundary(rank);
        shareEnd = ShareBoundary(rank + 1);
    }

    /// <summary>Floats a segment needs for <paramref name="ranks"/> slots of <paramref name="length"/> and their sum.</summary>
    public static int SegmentFloats(int ranks, int length) => SharedBarrier.Floats + (ranks + 1) * Stride(length);

    /// <summary>Floats summed.</summary>
    public int Length { get; }

    /// <summary>This rank's slot, to write its values into before <see cref="Run"/>.</summary>
    public Span<float> Own => segment.Floats.Slice(Start(rank), Length);

    /// <summary>The sum, after <see cref="Run"/> and until the next one.</summary>
    public ReadOnlySpan<float> Result => segment.Floats.Slice(Start(ranks), Length);

    /// <summary>Sums the slots into <see cref="Result"/>; every rank calls it once its own slot is written.</summary>
    public void Run()
    {
        Wait();
        var floats = segment.Floats;
        var result = Slot(floats, ranks);
        TensorPrimitives.Add(Slot(floats, 0), Slot(floats, 1), result);
        for (int other = 2; other < ranks; other++) TensorPrimitives.Add(result, Slot(floats, other), result);
        Wait();
    }

    // Slot i holds rank i's values; slot `ranks`, the result.
    private int Start(int slot) => SharedBarrier.Floats + slot * stride;

    private Span<float> Slot(Span<float> floats, int slot) => floats.Slice(Start(slot) + shareStart, shareEnd - shareStart);

    private void Wait()
    {
        waiting?.Start();
        barrier.Wait();
        waiting?.Stop();
    }

    // Rank r sums elements [ShareBoundary(r), ShareBoundary(r + 1)): contiguous, about Length / ranks each, whole lines.
    private int ShareBoundary(int summer) => Math.Min(Length, (int)((long)Stride(Length) / LineFloats * summer / ranks) * LineFloats);

    private static int Stride(int length) => (length + LineFloats - 1) / LineFloats * LineFloats;
}
