using System.Globalization;
using System.Text;

namespace Hebb.Cli.Serve;

/// <summary>A Prometheus histogram: counts of observations at or under each bound, their sum and their number,
/// written in the text exposition format (cumulative <c>_bucket{le="..."}</c> lines, <c>_sum</c>, <c>_count</c>).</summary>
internal sealed class Histogram(string name, string help, double[] bounds)
{
    private readonly long[] counts = new long[bounds.Length + 1];
    private double sum;

    /// <summary>Records one value.</summary>
    public void Observe(double value)
    {
        int bucket = Array.BinarySearch(bounds, value);
        if (bucket < 0) bucket = ~bucket;
        lock (counts)
        {
            counts[bucket]++;
            sum += value;
        }
    }

    /// <summary>Appends the histogram's lines to <paramref name="text"/>.</summary>
    public void WriteTo(StringBuilder text)
    {
        long[] snapshot;
        double total;
        lock (counts)
        {
            snapshot = (long[])counts.Clone();
            total = sum;
        }
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} histogram\n");
        long cumulative = 0;
        for (int i = 0; i < snapshot.Length; i++)
        {
            cumulative += snapshot[i];
            string bound = i < bounds.Length ? bounds[i].ToString("R", CultureInfo.InvariantCulture) : "+Inf";
            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"{bound}\"}} {cumulative}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"{name}_sum {total.ToString("R", CultureInfo.InvariantCulture)}\n{name}_count {cumulative}\n");
    }
}
