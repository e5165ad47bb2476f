namespace Hebb.Tensors.Kernels;

/// <summary>How many threads Hebb's kernels may use. Results do not depend on it: every output element
/// is summed by one thread in the same order whatever the count.</summary>
public static class Parallelism
{
    private static int threadCount = Environment.ProcessorCount;

    public static int ThreadCount
    {
        get => threadCount;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), $"thread count must be at least 1, got {value}");
            threadCount = value;
        }
    }

    /// <summary>Runs <paramref name="body"/> over [0, count) split into contiguous ranges whose starts are
    /// multiples of <paramref name="granularity"/>, one range per thread, when the work is worth it.</summary>
    internal static void ForRanges(int count, int granularity, long work, Action<int, int> body)
    {
        const long minimumWorkPerThread = 1 << 17;
        int threads = (int)Math.Min(ThreadCount, Math.Max(1, work / minimumWorkPerThread));
        int units = (count + granularity - 1) / granularity;
        threads = Math.Min(threads, units);
        if (threads <= 1)
        {
            body(0, count);
            return;
        }
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            int start = Math.Min(count, (int)((long)units * part / threads) * granularity);
            int end = Math.Min(count, (int)((long)units * (part + 1) / threads) * granularity);
            if (end > start) body(start, end);
        });
    }
}
