using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hebb.Distributed;

/// <summary>
/// A barrier between the ranks that map one <see cref="ISharedSegment"/>, kept in the segment's first two cache lines: an
/// arrival count and a generation (the last rank to arrive resets the count, then moves the generation on; the others wait
/// for it to move). Its interlocked operations are full memory fences, so every write a rank made before it is seen by
/// every rank after it. A rank waiting spins a few times, then gives its core up between looks (SpinWait without its
/// Sleep(1): Thread.Yield and Sleep(0), sched_yield on Linux, which returns at once when nothing else waits for the
/// core), so that on a machine with more work than cores the rank it waits for, or anything else, can run. Beside other
/// work (others took 75-80% of the CPU), spinning only ran 2 ranks at 19.5k-26.3k samples/s where yielding from the first
/// look ran 47.8k-48.7k; spinning 100 µs before yielding was within the machine's noise of either.
/// </summary>
internal sealed class SharedBarrier
{
    /// <summary>Floats the barrier takes at the segment's start: two 64-byte lines (the count and the generation apart, so
    /// that the ranks polling the generation do not share its line with the ranks' increments).</summary>
    public const int Floats = 32;

    private readonly ISharedSegment segment;
    private readonly int ranks;

    /// <summary>The barrier of <paramref name="ranks"/> ranks in <paramref name="segment"/>'s first <see cref="Floats"/>
    /// floats, which must be 0 on every rank before the first <see cref="Wait"/>.</summary>
    public SharedBarrier(ISharedSegment segment, int ranks) => (this.segment, this.ranks) = (segment, ranks);

    /// <summary>Returns once all the ranks have called it.</summary>
    public void Wait()
    {
        ref int count = ref Word(0);
        ref int generation = ref Word(16);
        int current = Volatile.Read(ref generation);
        if (Interlocked.Increment(ref count) == ranks)
        {
            Volatile.Write(ref count, 0);
            Interlocked.Increment(ref generation);
            return;
        }
        var spinner = new SpinWait();
        while (Volatile.Read(ref generation) == current) spinner.SpinOnce(sleep1Threshold: -1);
    }

    private ref int Word(int index) => ref Unsafe.As<float, int>(ref Unsafe.Add(ref MemoryMarshal.GetReference(segment.Floats), index));
}
