using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Hebb.Benchmarks;

/// <summary>A summary column computed from a benchmark's <see cref="DenseProduct"/>, its batch size and its
/// median time: the product's dimensions, its GFLOP/s and its share of one core's peak.</summary>
public sealed class GemmColumn(string name, string legend, Func<DenseProduct, int, double, string> value) : IColumn
{
    public static readonly GemmColumn Dimensions = new("m x k x n", "The product C[m,n] = op(A)[m,k]·op(B)[k,n] and its layout",
        (product, batch, _) => DimensionsText(product, batch));

    public static readonly GemmColumn Gflops = new("GFLOP/s", "2·m·k·n floating-point operations over the median time",
        (product, batch, nanoseconds) => Format(product.Flops(batch) / nanoseconds, "F1"));

    public static readonly GemmColumn PeakShare = new("% of peak", $"GFLOP/s over one core's FP32 peak: {CorePeak.Description}",
        (product, batch, nanoseconds) => Format(100 * product.Flops(batch) / nanoseconds / CorePeak.Gflops, "F0"));

    public string Id => nameof(GemmColumn) + "." + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Parameters["Product"] is not DenseProduct product || benchmarkCase.Parameters["Batch"] is not int batch)
            return "";
        return value(product, batch, summary[benchmarkCase]?.ResultStatistics?.Median ?? double.NaN);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    private static string DimensionsText(DenseProduct product, int batch)
    {
        var (m, k, n) = product.Dimensions(batch);
        return $"{product.Layout} {m}x{k}x{n}";
    }

    private static string Format(double number, string format) =>
        double.IsFinite(number) ? number.ToString(format, CultureInfo.InvariantCulture) : "NA";
}
