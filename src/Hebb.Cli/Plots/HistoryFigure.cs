using Hebb.Training;
using ScottPlot;

namespace Hebb.Cli.Plots;

/// <summary>A training run epoch by epoch: the mean training loss on the left, train and test accuracy on the right.</summary>
internal static class HistoryFigure
{
    private const int MarkedEpochs = 50;

    public static Multiplot Create(IReadOnlyList<EpochReport> history)
    {
        var figure = SideBySide.Create(out var loss, out var accuracy);
        AddSeries(loss, history, epoch => epoch.Loss, "mean training loss");
        AddSeries(accuracy, history, epoch => epoch.TrainAccuracy, "train (last batch)");
        AddSeries(accuracy, history, epoch => epoch.TestAccuracy, "test");
        Label(loss, "Training loss", "mean softmax cross-entropy");
        Label(accuracy, "Accuracy", "accuracy");
        // The loss panel has one line, which its title names; accuracy usually rises, leaving the lower right empty.
        loss.HideLegend();
        accuracy.ShowLegend(Alignment.LowerRight);
        return figure;
    }

    /// <summary>One line with a marker per epoch; epochs without a finite value (no test set: NaN) are left out.</summary>
    private static void AddSeries(Plot plot, IReadOnlyList<EpochReport> history, Func<EpochReport, double> value, string label)
    {
        var epochs = history.Where(epoch => double.IsFinite(value(epoch))).ToArray();
        if (epochs.Length == 0) return;
        var line = plot.Add.Scatter(epochs.Select(epoch => (double)epoch.Epoch).ToArray(), epochs.Select(value).ToArray());
        line.LegendText = label;
        line.LineWidth = 2;
        // A marker per epoch shows where the figures are; over hundreds of epochs they would merge into a thick line.
        line.MarkerSize = history.Count <= MarkedEpochs ? 7 : 0;
    }

    private static void Label(Plot plot, string title, string yLabel)
    {
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
    }
}
