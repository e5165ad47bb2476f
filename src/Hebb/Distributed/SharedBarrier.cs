using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hebb.Distributed;

/// <summary>
/// A barrier between the ranks that map one <see cref="ISharedSegment"/>, kept in the segment's first two cache lines: an
/// arrival count and a generation (the last rank to arrive resets the count, then moves the generation on; the others wait
/// for it to move). Its interlocked operations are full memory fences, so every write a rank made before it is seen by
/// every rank after it. A rank waiting spins for <see cref="SpinTicks"/>, about what one rank's share of a training step
/// differs from the other's on an idle machine, then gives its core up between looks (Thread.Yield), as Open MPI's
/// mpi_yield_when_idle does: on a machine with more work than cores the rank it waits for may need that core.
/// MPI_Barrier with mpi_yield_when_idle yields from its first look, which costs a time slice whenever anything else runs.
/// </summary>
internal sealed class SharedBarrier
{
    /// <summary>Floats the barrier takes at the segment's start: two 64-byte lines (the count and the generation apart, so
    /// that the ranks polling the generation do not share its line with the ranks' increments).</summary>
    public const int Floats = 32;

    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000; // 100 µs

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
        long spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
        while (Volatile.Read(ref generation) == current)
        {
            if (Stopwatch.GetTimestamp() < spinUntil) Thread.SpinWait(20);
            else Thread.Yield();
        }
    }

    private ref int Word(int index) => ref Unsafe.As<float, int>(ref Unsafe.Add(ref MemoryMarshal.GetReference(segment.Floats), index));
}
