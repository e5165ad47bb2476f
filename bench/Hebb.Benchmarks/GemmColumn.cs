using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Hebb.Benchmarks;

/// <summary>A summary column computed from a benchmark's <see cref="DenseProduct"/>, its thread count and the
/// summary: the product's dimensions, its GFLOP/s, its share of the cores' peak, and Hebb against OpenBLAS.</summary>
public sealed class GemmColumn(string name, string legend, Func<Summary, BenchmarkCase, DenseProduct, int, string> value) : IColumn
{
    /// <summary>The product's layout and m × k × n.</summary>
    public static readonly GemmColumn Dimensions = new("m x k x n", "The product C[m,n] = op(A)[m,k]·op(B)[k,n] and its layout",
        (_, _, product, _) =>
        {
            var (m, k, n) = product.Dimensions;
            return $"{product.Layout} {m}x{k}x{n}";
        });

    /// <summary>2·m·k·n over the median time.</summary>
    public static readonly GemmColumn Gflops = new("GFLOP/s", "2·m·k·n floating-point operations over the median time",
        (summary, benchmark, product, _) => Format(product.Flops / Median(summary, benchmark), "F1"));

    /// <summary>GFLOP/s over the peak of the cores used.</summary>
    public static readonly GemmColumn PeakShare = new("% of peak", $"GFLOP/s over the threads' cores' FP32 peak, one core's: {CorePeak.Description}",
        (summary, benchmark, product, threads) => Format(100 * product.Flops / Median(summary, benchmark) / (threads * CorePeak.Gflops), "F0"));

    /// <summary>Hebb's speed over OpenBLAS's at the same product and thread count, on Hebb's rows.</summary>
    public static readonly GemmColumn HebbOverOpenBlas = new("Hebb/OpenBLAS", "OpenBLAS's median time over Hebb's (above 1: Hebb is faster)",
        (summary, benchmark, _, _) =>
        {
            if (benchmark.Descriptor.WorkloadMethod.Name != nameof(GemmBenchmarks.HebbGemm)) return "";
            var peer = summary.BenchmarksCases.FirstOrDefault(other =>
                other.Descriptor.WorkloadMethod.Name == nameof(GemmBenchmarks.OpenBlasGemm)
                && other.Parameters.DisplayInfo == benchmark.Parameters.DisplayInfo);
            return peer is null ? "NA" : Format(Median(summary, peer) / Median(summary, benchmark), "F2");
        });

    /// <inheritdoc/>
    public string Id => nameof(GemmColumn) + "." + name;
    /// <inheritdoc/>
    public string ColumnName => name;
    /// <inheritdoc/>
    public bool AlwaysShow => true;
    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;
    /// <inheritdoc/>
    public int PriorityInCategory => 0;
    /// <inheritdoc/>
    public bool IsNumeric => true;
    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc/>
    public string Legend => legend;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Parameters["Product"] is not DenseProduct product || benchmarkCase.Parameters["Threads"] is not int threads)
            return "";
        return value(summary, benchmarkCase, product, threads);
    }

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    private static double Median(Summary summary, BenchmarkCase benchmark) =>
        summary[benchmark]?.ResultStatistics?.Median ?? double.NaN;

    private static string Format(double number, string format) =>
        double.IsFinite(number) ? number.ToString(format, CultureInfo.InvariantCulture) : "NA";
}
