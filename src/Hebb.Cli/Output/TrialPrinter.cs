using System.Globalization;
using Hebb.Data;
using Hebb.Training;
using Hebb.Tuning;
using Spectre.Console;

namespace Hebb.Cli.Output;

/// <summary>Reports a search: a line (or a JSON object) per trial as it ends, the ranking, the retraining of the best
/// network and its one test score. In JSON only the trials and a closing object with the ranking are printed.</summary>
internal sealed class TrialPrinter(CommandContext context, bool json)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private int trials;
    private string trainCommand = "";

    /// <summary>The search's first line; with more than one rank, how the trials are spread over them.</summary>
    public void Start(RandomSearch search, ValidationSplit split, string source, int ranks)
    {
        trials = search.Options.Trials;
        if (json) return;
        context.Output.WriteLine(
            $"random search on {source}: {Counted(trials, "trial")} of {Counted(search.Options.EpochsPerTrial, "epoch")}, " +
            $"{split.Train.Count} training samples, {split.Validation.Count} validation samples held out from the training set, seed {search.Options.Seed}" +
            (ranks > 1 ? $", over {ranks} ranks (trial i on rank i mod {ranks}; the other ranks' trials are printed once gathered)" : ""));
    }

    public void Trial(TrialResult result) =>
        context.Output.WriteLine(json ? Json.Line(TrialFields(result)) : string.Create(Invariant,
            $"trial {result.Trial,3}/{trials}  {result.Configuration,-44}  validation accuracy {result.ValidationAccuracy:F4}  loss {result.ValidationLoss:F4}  training loss {result.TrainingLoss:F4}  {result.Seconds,6:F1} s"));

    public void Ranking(IReadOnlyList<TrialResult> ranking)
    {
        if (json) return;
        var table = new Table().Title("trials ranked by validation accuracy")
            .AddColumns("rank", "trial", "network", "activation", "learning rate", "validation accuracy", "validation loss", "training loss", "seconds");
        foreach (var column in table.Columns.Where((_, index) => index != 2 && index != 3)) column.RightAligned();
        for (int rank = 0; rank < ranking.Count; rank++)
        {
            var result = ranking[rank];
            table.AddRow(Text(rank + 1), Text(result.Trial), result.Configuration.Shape, result.Configuration.HiddenActivation.Name,
                Text(result.Configuration.LearningRate), Text(result.ValidationAccuracy, "F4"), Text(result.ValidationLoss, "F4"),
                Text(result.TrainingLoss, "F4"), Text(result.Seconds, "F1"));
        }
        Terminal.For(context).Write(table);
    }

    public void Retraining(TrialResult best, int trainingCount, int epochs, RandomSearchOptions options, string? dataFolder)
    {
        var configuration = best.Configuration;
        trainCommand = string.Join(' ', new[]
        {
            "hebb train", dataFolder is null ? "" : $"--data {Quoted(dataFolder)}",
            $"--hidden {string.Join(',', configuration.HiddenWidths)}", $"--activation {configuration.HiddenActivation.Name}",
            $"--learning-rate {Text(configuration.LearningRate)}", $"--epochs {epochs}", $"--batch-size {options.BatchSize}", $"--seed {options.Seed}",
        }.Where(part => part.Length > 0));
        if (json) return;
        context.Output.WriteLine(string.Create(Invariant,
            $"best: trial {best.Trial}, {configuration}, validation accuracy {best.ValidationAccuracy:F4}, validation loss {best.ValidationLoss:F4}"));
        context.Output.WriteLine($"training it on all {trainingCount} training samples for {Counted(epochs, "epoch")}, as: {trainCommand}");
    }

    public void FinalEpoch(EpochReport report)
    {
        if (json) return;
        context.Output.WriteLine(string.Create(Invariant,
            $"epoch {report.Epoch,3}  loss {report.Loss:F4}  {report.Seconds,6:F2} s  {report.SamplesPerSecond,8:F0} samples/s"));
    }

    public void Done(IReadOnlyList<TrialResult> ranking, Evaluation test, int testCount, string path, double seconds)
    {
        string fullPath = Path.GetFullPath(path);
        if (json)
        {
            context.Output.WriteLine(Json.Line(new Dictionary<string, object?>
            {
                ["ranking"] = ranking.Select(TrialFields).ToArray(),
                ["best"] = TrialFields(ranking[0]),
                ["train_command"] = trainCommand,
                ["test_accuracy"] = test.Accuracy,
                ["test_loss"] = test.Loss,
                ["model"] = fullPath,
                ["seconds"] = seconds,
            }));
            return;
        }
        context.Output.WriteLine(string.Create(Invariant, $"test accuracy {test.Accuracy:F4} (loss {test.Loss:F4}) on {testCount} test samples"));
        context.Output.WriteLine($"saved {fullPath}");
        context.Output.WriteLine(string.Create(Invariant, $"tuned in {seconds:F1} s"));
    }

    private static Dictionary<string, object?> TrialFields(TrialResult result) => new()
    {
        ["trial"] = result.Trial,
        ["network"] = result.Configuration.Shape,
        ["hidden_widths"] = result.Configuration.HiddenWidths,
        ["activation"] = result.Configuration.HiddenActivation.Name,
        ["learning_rate"] = result.Configuration.LearningRate,
        ["validation_accuracy"] = result.ValidationAccuracy,
        ["validation_loss"] = result.ValidationLoss,
        ["training_loss"] = result.TrainingLoss,
        ["epochs"] = result.Epochs,
        ["seconds"] = result.Seconds,
    };

    private static string Text(int value) => value.ToString(Invariant);
    private static string Text(float value) => value.ToString(Invariant);
    private static string Text(double value, string format) => value.ToString(format, Invariant);

    private static string Counted(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static string Quoted(string path) => path.Contains(' ') ? $"\"{path}\"" : path;
}
