using System.Globalization;

namespace Hebb.Cli.Output;

/// <summary>Numbers as the demos print them: invariant culture, short, lists in brackets.</summary>
internal static class Figures
{
    /// <summary>Six significant digits at most, so that −1.3999999761581 (1.4 as float32, summed in float64) reads −1.4.</summary>
    public static string Short(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    public static string List<T>(IEnumerable<T> values, Func<T, string> format) => "[" + string.Join(", ", values.Select(format)) + "]";

    public static string List(IEnumerable<double> values) => List(values, Short);

    public static string List(IEnumerable<float> values, string format) =>
        List(values, value => value.ToString(format, CultureInfo.InvariantCulture));
}
