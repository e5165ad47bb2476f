using Hebb.Distributed;

namespace Hebb.Tests.Distributed;

/// <summary>
/// Ranks that are threads of this process, sharing memory as the ranks of one host do: each thread's
/// <see cref="ThreadRanks.Rank"/> maps the same array (<see cref="IProcessGroup.MapShared"/>); nothing else of a process
/// group is there. <see cref="Run"/> runs one function per rank, all at once, and returns their results in rank order.
/// </summary>
internal sealed class ThreadRanks(int size)
{
    private int Size => size;
    private readonly object mapping = new();
    private float[]? shared;

    public static T[] Run<T>(int size, Func<IProcessGroup, T> work)
    {
        var ranks = new ThreadRanks(size);
        var tasks = Enumerable.Range(0, size)
            .Select(rank => Task.Factory.StartNew(() => work(new Rank(ranks, rank)), TaskCreationOptions.LongRunning))
            .ToArray();
        Assert.True(Task.WaitAll(tasks, TimeSpan.FromSeconds(60)), "the thread ranks did not end within a minute (a barrier that never opens)");
        return tasks.Select(task => task.Result).ToArray();
    }

    private ISharedSegment Map(int floats)
    {
        lock (mapping)
        {
            shared ??= new float[floats];
            Assert.Equal(shared.Length, floats);
            return new Segment(shared);
        }
    }

    /// <summary>An array as the memory of one host's ranks.</summary>
    public sealed class Segment(float[] floats) : ISharedSegment
    {
        public Span<float> Floats => floats;
    }

    private sealed class Rank(ThreadRanks ranks, int rank) : IProcessGroup
    {
        int IProcessGroup.Rank => rank;
        public int Size => ranks.Size;
        public ISharedSegment? MapShared(int floats) => ranks.Map(floats);
        public void SumInPlace(Span<float> values) => throw new NotSupportedException("thread ranks sum through shared memory only");
        public void StartSum(float[] values) => throw new NotSupportedException("thread ranks sum through shared memory only");
        public void Progress() => throw new NotSupportedException("thread ranks sum through shared memory only");
        public void WaitAll() => throw new NotSupportedException("thread ranks sum through shared memory only");
        public void Broadcast(Span<float> values, int root = 0) => throw new NotSupportedException("thread ranks only share memory");
        public void Gather(ReadOnlySpan<double> values, Span<double> gathered, int root = 0) => throw new NotSupportedException("thread ranks only share memory");
        public void Barrier() => throw new NotSupportedException("thread ranks only share memory");
        public void Abort(int exitCode) => throw new InvalidOperationException($"aborted with {exitCode}");
    }
}
