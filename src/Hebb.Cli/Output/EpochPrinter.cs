using System.Globalization;
using Hebb.Cli.Commands;
using Hebb.Data;
using Hebb.Training;
using Spectre.Console;

namespace Hebb.Cli.Output;

/// <summary>Reports training: a line (or a JSON object) per epoch, and a progress bar while an epoch
/// runs when the output is a terminal.</summary>
internal sealed class EpochPrinter(CommandContext context, bool json)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void Start(Trainer trainer, TrainingData split)
    {
        if (json) return;
        var options = trainer.Options;
        context.Output.WriteLine($"{trainer.Model} on {split.Source}: {split.Train.Count} training and {split.Test.Count} test samples");
        context.Output.WriteLine(string.Create(Invariant,
            $"{Described(trainer.Optimizer.Name, trainer.Optimizer.Settings)}, learning rate {options.LearningRate}, " +
            $"{Described(trainer.Schedule.Name, trainer.Schedule.Settings)} schedule, batch size {options.BatchSize}, seed {options.Seed}, " +
            $"{options.Epochs} epoch{(options.Epochs == 1 ? "" : "s")}"));
        if (options.ValidationFraction > 0)
            context.Output.WriteLine($"validation: {(int)Math.Round(options.ValidationFraction * split.Train.Count)} of the {split.Train.Count} training samples held out, stratified by class");
        if (options.EarlyStoppingPatience > 0)
            context.Output.WriteLine($"early stopping on the {trainer.MonitoredLoss}, patience {options.EarlyStoppingPatience} epoch{(options.EarlyStoppingPatience == 1 ? "" : "s")}" +
                                     (options.ValidationFraction > 0 ? "" : " (no validation split: --validation FRACTION makes it watch the validation loss)"));
        if (trainer.CompletedEpochs > 0)
            context.Output.WriteLine($"resuming after epoch {trainer.CompletedEpochs}");
    }

    /// <summary>An optimiser or schedule as "adam (beta1 0.9, beta2 0.999, eps 1E-08, weight_decay 0)"; six digits, so that
    /// a float setting reads as it was written.</summary>
    private static string Described(string name, IReadOnlyDictionary<string, double> settings) => settings.Count == 0
        ? name
        : $"{name} ({string.Join(", ", settings.Select(setting => string.Create(Invariant, $"{setting.Key} {setting.Value:G6}")))})";

    /// <summary>Runs <see cref="Trainer.Fit"/>, printing each epoch as it ends; on a terminal, a progress bar shows the
    /// current epoch and is taken away properly however the training ends (an interrupt included).</summary>
    public void Fit(Trainer trainer, TrainingData split, CancellationToken cancellation)
    {
        if (json || !context.IsTerminal)
        {
            trainer.Fit(split.Train, split.Test, report => context.Output.WriteLine(EpochLine(trainer, report)), cancellation: cancellation);
            return;
        }
        // Lines written through the console while the progress bar is live appear above it.
        var console = AnsiConsole.Console;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(EpochName(trainer));
                trainer.Fit(split.Train, split.Test,
                    report =>
                    {
                        console.WriteLine(EpochLine(trainer, report));
                        task.Description = EpochName(trainer);
                        task.Value = 0;
                    },
                    (done, total) => task.Value = 100.0 * done / total, cancellation);
            });
    }

    public void Saved(string path, Trainer trainer)
    {
        string fullPath = Path.GetFullPath(path);
        var last = trainer.History[^1];
        var kept = trainer.StoppedEarly ? trainer.History[trainer.BestEpoch!.Value - 1] : last;
        if (json)
        {
            var fields = new Dictionary<string, object?> { ["model"] = fullPath, ["epochs"] = last.Epoch, ["test_accuracy"] = kept.TestAccuracy };
            if (trainer.BestEpoch is int best)
            {
                fields["best_epoch"] = best;
                fields["stopped_early"] = trainer.StoppedEarly;
            }
            context.Output.WriteLine(Json.Line(fields));
            return;
        }
        if (trainer.StoppedEarly)
            context.Output.WriteLine(string.Create(Invariant,
                $"stopped early after epoch {last.Epoch}: the {trainer.MonitoredLoss} has not improved for {trainer.Options.EarlyStoppingPatience} epochs; kept the weights of epoch {kept.Epoch} ({trainer.MonitoredLoss} {Monitored(trainer, kept):F4})"));
        context.Output.WriteLine($"saved {fullPath}");
    }

    private string EpochLine(Trainer trainer, EpochReport report)
    {
        if (json) return Json.Line(EpochFields(trainer, report));
        string validation = double.IsNaN(report.ValidationLoss) ? ""
            : string.Create(Invariant, $"  val loss {report.ValidationLoss:F4}  val accuracy {report.ValidationAccuracy:F4}");
        // A regression has no accuracies: its line says the loss only.
        string train = double.IsNaN(report.TrainAccuracy) ? "" : string.Create(Invariant, $"  train accuracy {report.TrainAccuracy:F4}");
        string test = double.IsNaN(report.TestAccuracy) ? "" : string.Create(Invariant, $"  test accuracy {report.TestAccuracy:F4}");
        return string.Create(Invariant,
            $"epoch {report.Epoch,3}  loss {report.Loss:F4}{train}{validation}{test}  {report.Seconds,6:F2} s  {report.SamplesPerSecond,8:F0} samples/s");
    }

    private static string EpochName(Trainer trainer) => $"epoch {Math.Min(trainer.CompletedEpochs + 1, trainer.Options.Epochs)}/{trainer.Options.Epochs}";

    private static double Monitored(Trainer trainer, EpochReport report) =>
        trainer.Options.ValidationFraction > 0 ? report.ValidationLoss : report.Loss;

    /// <summary>The JSON line of an epoch; <c>val_loss</c> and <c>val_accuracy</c> (Keras's names) only with a validation split; in
    /// data-parallel training, the ranks, the bytes each rank hands to the allreduces per step and this rank's seconds in them
    /// (and of those, the seconds waiting for the other ranks, where the exchange can tell).</summary>
    private static Dictionary<string, object?> EpochFields(Trainer trainer, EpochReport report)
    {
        var fields = new Dictionary<string, object?>
        {
            ["epoch"] = report.Epoch,
            ["loss"] = report.Loss,
            ["train_accuracy"] = report.TrainAccuracy,
            ["test_accuracy"] = report.TestAccuracy,
        };
        if (!double.IsNaN(report.ValidationLoss))
        {
            fields["val_loss"] = report.ValidationLoss;
            fields["val_accuracy"] = report.ValidationAccuracy;
        }
        fields["seconds"] = report.Seconds;
        fields["samples_per_second"] = report.SamplesPerSecond;
        if (trainer.ProcessGroup is { } group)
        {
            fields["ranks"] = group.Size;
            fields["allreduce_bytes_per_step"] = (long)trainer.ExchangedFloatsPerStep * sizeof(float);
            fields["allreduce_seconds"] = trainer.ExchangeSeconds;
            if (trainer.ExchangeWaitSeconds is { } waiting) fields["allreduce_wait_seconds"] = waiting;
        }
        return fields;
    }
}
