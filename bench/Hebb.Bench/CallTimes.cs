using System.Diagnostics;

namespace Hebb.Bench;

/// <summary>The durations of timed calls, and their best and median.</summary>
internal sealed class CallTimes(int capacity)
{
    private readonly double[] seconds = new double[capacity];
    private int count;

    /// <summary>Times one call of <paramref name="call"/>.</summary>
    public void Time(Action call)
    {
        long start = Stopwatch.GetTimestamp();
        call();
        seconds[count++] = Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    public double Best => Sorted()[0];

    public double Median
    {
        get
        {
            var sorted = Sorted();
            return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
        }
    }

    private double[] Sorted()
    {
        var sorted = seconds[..count];
        Array.Sort(sorted);
        return sorted;
    }
}
