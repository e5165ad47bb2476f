using Hebb.Activations;
using ScottPlot;

namespace Hebb.Cli.Plots;

/// <summary>
/// The note's figure of activation functions: step, sigmoid, tanh, ReLU and its relatives on the left, their
/// derivatives on the right, over z in [−5, 5]. Every point comes from the library's own <c>Value</c> and
/// <c>Derivative</c>, so the figure shows what Hebb computes, not a re-typed formula.
/// </summary>
internal static class ActivationsFigure
{
    private const double From = -5;
    private const double To = 5;
    private const int Points = 1001;

    /// <summary>Each curve's activation, name, and the line that tells it apart where curves coincide (ReLU and leaky ReLU for z &gt; 0).</summary>
    private sealed record Curve(ElementwiseActivation Activation, string Label, LinePattern Pattern);

    private static readonly Curve[] Curves =
    [
        new((ElementwiseActivation)Activation.Heaviside, "step", LinePattern.Solid),
        new((ElementwiseActivation)Activation.Sigmoid, "sigmoid", LinePattern.Solid),
        new((ElementwiseActivation)Activation.Tanh, "tanh", LinePattern.Solid),
        new((ElementwiseActivation)Activation.Relu, "ReLU", LinePattern.Solid),
        new((ElementwiseActivation)Activation.LeakyRelu, "leaky ReLU (slope 0.01)", LinePattern.Dashed),
        new((ElementwiseActivation)Activation.Elu, "ELU", LinePattern.Dotted),
    ];

    public static Multiplot Create()
    {
        var figure = SideBySide.Create(out var functions, out var derivatives);
        double[] z = Enumerable.Range(0, Points).Select(i => From + (To - From) * i / (Points - 1)).ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < Curves.Length; i++)
        {
            var curve = Curves[i];
            var color = palette.GetColor(i);
            AddLine(functions, z, zi => curve.Activation.Value((float)zi), color, curve.Pattern).LegendText = curve.Label;
            AddLine(derivatives, z, zi => curve.Activation.Derivative((float)zi), color, curve.Pattern);
        }

        // One legend serves both panels, whose colours match: among the derivatives it would cover the peaks at z = 0.
        // Among the functions the top left is empty, every one of them being below 0.5 for z < 0.
        functions.ShowLegend(Alignment.UpperLeft);
        // The step's derivative is 0 wherever it exists; at 0 it has none. It is drawn as 0, what Hebb's backward pass uses.
        var stepNote = derivatives.Add.Text("step: 0 (undefined at z = 0)", To, 0);
        stepNote.Alignment = Alignment.UpperRight;
        stepNote.OffsetX = -6;
        stepNote.OffsetY = 4;
        stepNote.LabelFontColor = palette.GetColor(0);
        stepNote.LabelFontSize = 13;

        Label(functions, "Activation functions", "f(z)");
        Label(derivatives, "Derivatives", "f′(z)");
        // ReLU, leaky ReLU and ELU grow without bound; cut at 2.3, the saturating curves keep most of the height.
        functions.Axes.SetLimits(From, To, -1.3, 2.3);
        derivatives.Axes.SetLimits(From, To, -0.2, 1.3);
        return figure;
    }

    private static ScottPlot.Plottables.Scatter AddLine(Plot plot, double[] z, Func<double, double> f, Color color, LinePattern pattern)
    {
        var line = plot.Add.ScatterLine(z, z.Select(f).ToArray(), color);
        line.LineWidth = 2;
        line.LinePattern = pattern;
        return line;
    }

    private static void Label(Plot plot, string title, string yLabel)
    {
        plot.Title(title);
        plot.XLabel("z");
        plot.YLabel(yLabel);
    }
}
