namespace Hebb.Tensors.Kernels;

/// <summary>How many threads Hebb's kernels may use. Results do not depend on it: every output element
/// is summed by one thread in the same order whatever the count.</summary>
public static class Parallelism
{
    private static int threadCount = Environment.ProcessorCount;

    /// <summary>Threads the kernels split a large product between, the machine's processor count by default; the
    /// process-wide setting that <c>hebb train --threads</c> changes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public static int ThreadCount
    {
        get => threadCount;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), $"thread count must be at least 1, got {value}");
            threadCount = value;
        }
    }
}
