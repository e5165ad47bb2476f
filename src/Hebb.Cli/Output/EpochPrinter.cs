using System.Globalization;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Training;
using Spectre.Console;

namespace Hebb.Cli.Output;

/// <summary>Reports training: a line (or a JSON object) per epoch, and a progress bar while an epoch
/// runs when the output is a terminal.</summary>
internal sealed class EpochPrinter(CommandContext context, bool json)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void Start(Sequential model, DataSplit split, TrainingOptions options)
    {
        if (json) return;
        context.Output.WriteLine($"{model} on {split.Source}: {split.Train.Count} training and {split.Test.Count} test samples");
        context.Output.WriteLine(string.Create(Invariant,
            $"SGD, learning rate {options.LearningRate}, batch size {options.BatchSize}, seed {options.Seed}, {options.Epochs} epoch{(options.Epochs == 1 ? "" : "s")}"));
    }

    public void Epoch(Trainer trainer, DataSplit split, int epoch, int epochs)
    {
        EpochReport report;
        if (!json && context.IsTerminal)
        {
            report = null!;
            AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(progress =>
                {
                    var task = progress.AddTask($"epoch {epoch}/{epochs}");
                    report = trainer.RunEpoch(split.Train, split.Test, (done, total) => task.Value = 100.0 * done / total);
                });
        }
        else report = trainer.RunEpoch(split.Train, split.Test);

        context.Output.WriteLine(json ? Json.Line(EpochFields(report)) : string.Create(Invariant,
            $"epoch {report.Epoch,3}  loss {report.Loss:F4}  train accuracy {report.TrainAccuracy:F4}  test accuracy {report.TestAccuracy:F4}  {report.Seconds,6:F2} s  {report.SamplesPerSecond,8:F0} samples/s"));
    }

    public void Saved(string path, EpochReport last)
    {
        string fullPath = Path.GetFullPath(path);
        context.Output.WriteLine(json
            ? Json.Line(new Dictionary<string, object?> { ["model"] = fullPath, ["epochs"] = last.Epoch, ["test_accuracy"] = last.TestAccuracy })
            : $"saved {fullPath}");
    }

    internal static Dictionary<string, object?> EpochFields(EpochReport report) => new()
    {
        ["epoch"] = report.Epoch,
        ["loss"] = report.Loss,
        ["train_accuracy"] = report.TrainAccuracy,
        ["test_accuracy"] = report.TestAccuracy,
        ["seconds"] = report.Seconds,
        ["samples_per_second"] = report.SamplesPerSecond,
    };
}
