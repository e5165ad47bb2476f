using ScottPlot;

namespace Hebb.Cli.Plots;

/// <summary>
/// Two plots beside each other in one image, the layout of every figure <c>hebb plot</c> draws: functions beside
/// their derivatives, one network's decision surface beside another's, loss beside accuracy.
/// </summary>
internal static class SideBySide
{
    /// <summary>Pixels of the whole image: two panels of 500 × 450.</summary>
    public const int Width = 1000;
    public const int Height = 450;

    public static Multiplot Create(out Plot left, out Plot right)
    {
        ShippedFont.Install();
        left = new Plot();
        right = new Plot();
        var figure = new Multiplot(left) { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        figure.AddPlot(right);
        return figure;
    }
}
