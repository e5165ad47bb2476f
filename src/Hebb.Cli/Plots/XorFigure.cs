using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Classics;
using Hebb.Layers;
using Hebb.Tensors;
using ScottPlot;

namespace Hebb.Cli.Plots;

/// <summary>
/// What the note's hand-wired XOR network, <c>act(−act(x1 + x2 − 1.5) + act(x1 + x2 − 0.5) − 0.5)</c>, outputs over the
/// plane around the four XOR points: with heaviside on the left, with sigmoid on the right. Each panel has its own colour
/// scale, so that the sigmoid network's narrow range of outputs (about 0.40 to 0.44: the hand-set weights are made for a
/// step) still shows its shape; the colour bars give the values.
/// </summary>
internal static class XorFigure
{
    private const double Low = -0.5;
    private const double High = 1.5;
    // About one cell per pixel of the panel, so that the heaviside network's edges are lines, not stairs.
    private const int CellsPerSide = 350;

    public static Multiplot Create()
    {
        var figure = SideBySide.Create(out var heaviside, out var sigmoid);
        DrawSurface(heaviside, Activation.Heaviside);
        DrawSurface(sigmoid, Activation.Sigmoid);
        // One legend for both panels, whose points are drawn alike.
        heaviside.ShowLegend(Alignment.UpperRight);
        sigmoid.HideLegend();
        return figure;
    }

    private static void DrawSurface(Plot plot, Activation activation)
    {
        var surface = plot.Add.Heatmap(Outputs(XorNetwork.HandWired(activation)));
        surface.Extent = new CoordinateRect(Low, High, Low, High);
        surface.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(surface).Label = "network output";

        var inputs = XorNetwork.Inputs;
        var targets = XorNetwork.Targets;
        foreach (var (target, shape, color) in new[] { (0, MarkerShape.FilledSquare, Colors.White), (1, MarkerShape.FilledTriangleUp, Colors.OrangeRed) })
        {
            var rows = Enumerable.Range(0, targets.Length).Where(row => targets[row] == target).ToArray();
            var points = plot.Add.ScatterPoints(rows.Select(row => (double)inputs[row, 0]).ToArray(), rows.Select(row => (double)inputs[row, 1]).ToArray(), color);
            points.MarkerShape = shape;
            points.MarkerSize = 16;
            points.MarkerStyle.OutlineColor = Colors.Black;
            points.MarkerStyle.OutlineWidth = 1.5f;
            points.LegendText = $"XOR = {target}";
        }

        plot.Axes.SetLimits(Low, High, Low, High);
        plot.Title($"act = {activation.Name}");
        plot.XLabel("x1");
        plot.YLabel("x2");
    }

    /// <summary>The network's output at the centre of each cell; row 0 is the top row of the image, where x2 is largest.</summary>
    private static double[,] Outputs(Sequential network)
    {
        double cellSize = (High - Low) / CellsPerSide;
        var inputs = new float[CellsPerSide * CellsPerSide, 2];
        for (int row = 0; row < CellsPerSide; row++)
            for (int column = 0; column < CellsPerSide; column++)
            {
                inputs[row * CellsPerSide + column, 0] = (float)(Low + (column + 0.5) * cellSize);
                inputs[row * CellsPerSide + column, 1] = (float)(High - (row + 0.5) * cellSize);
            }

        Tensor outputs;
        using (Autograd.NoGradient())
            outputs = network.Forward(Tensor.FromArray(inputs));
        var grid = new double[CellsPerSide, CellsPerSide];
        for (int i = 0; i < outputs.Length; i++)
            grid[i / CellsPerSide, i % CellsPerSide] = outputs.Data[i];
        return grid;
    }
}
