using System.CommandLine;
using System.Globalization;
using Hebb.Cli.Output;
using Hebb.Serialization;
using Hebb.Training;
using Spectre.Console;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb eval</c>: test loss, accuracy, per-class accuracy and the confusion matrix.</summary>
internal static class EvalCommand
{
    public static Command Create(CommandContext context)
    {
        var model = SharedOptions.Model();
        var data = SharedOptions.Data();
        var json = SharedOptions.Json();
        var command = new Command("eval", "Evaluate a saved model on the test set") { model, data, json };
        command.SetAction(parsed =>
        {
            var saved = ModelFile.Load(parsed.GetValue(model)!);
            var (test, source) = SharedOptions.LoadTestData(parsed.GetValue(data));
            saved.CheckInputs(test.FeatureCount, source);
            var evaluation = Evaluation.Run(saved.Model, test);
            if (parsed.GetValue(json)) WriteJson(context, evaluation, test.Count);
            else WriteTables(context, evaluation, test.Count, source);
            return ExitCode.Success;
        });
        return command;
    }

    private static void WriteJson(CommandContext context, Evaluation evaluation, int samples)
    {
        int classes = evaluation.ClassCount;
        var confusion = Enumerable.Range(0, classes)
            .Select(actual => Enumerable.Range(0, classes).Select(predicted => evaluation.Confusion[actual, predicted]).ToArray())
            .ToArray();
        context.Output.WriteLine(Json.Line(new Dictionary<string, object?>
        {
            ["samples"] = samples,
            ["loss"] = evaluation.Loss,
            ["accuracy"] = evaluation.Accuracy,
            ["per_class_accuracy"] = evaluation.PerClassAccuracy().Select(a => double.IsNaN(a) ? (double?)null : a).ToArray(),
            ["confusion_matrix"] = confusion,
        }));
    }

    private static void WriteTables(CommandContext context, Evaluation evaluation, int samples, string source)
    {
        // Straight to the output, not through Spectre, which would wrap a long data path at the console width.
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{samples} test samples of {source}: loss {evaluation.Loss:F4}, accuracy {evaluation.Accuracy:F4}"));
        int classes = evaluation.ClassCount;
        var perClass = evaluation.PerClassAccuracy();
        var table = new Table().Title("confusion matrix (rows: true class, columns: predicted)").AddColumn("class");
        for (int predicted = 0; predicted < classes; predicted++) table.AddColumn(new TableColumn(predicted.ToString(CultureInfo.InvariantCulture)).RightAligned());
        table.AddColumn(new TableColumn("accuracy").RightAligned());
        for (int actual = 0; actual < classes; actual++)
        {
            var cells = new List<string> { actual.ToString(CultureInfo.InvariantCulture) };
            for (int predicted = 0; predicted < classes; predicted++)
                cells.Add(evaluation.Confusion[actual, predicted].ToString(CultureInfo.InvariantCulture));
            cells.Add(double.IsNaN(perClass[actual]) ? "-" : perClass[actual].ToString("F4", CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }
        Terminal.For(context).Write(table);
    }
}
