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
        var delimiter = TableArguments.Delimiter();
        var command = new Command("eval", "Evaluate a saved model on the test set, or on a CSV file (--data FILE.csv) for a model trained on a table")
        {
            model, data, delimiter, json,
        };
        command.SetAction(parsed =>
        {
            var saved = ModelFile.Load(parsed.GetValue(model)!);
            if (saved.Table is not null || TableArguments.IsTable(parsed.GetValue(data)))
                return EvaluateTable(context, saved, parsed.GetValue(data), TableArguments.DelimiterOf(parsed, delimiter), parsed.GetValue(json));
            var (test, source) = SharedOptions.LoadTestData(parsed.GetValue(data));
            saved.CheckInputs(test.FeatureCount, source);
            var evaluation = Evaluation.Run(saved.Model, test);
            if (parsed.GetValue(json)) WriteJson(context, evaluation, test.Count, null);
            else WriteTables(context, evaluation, test.Count, source, null);
            return ExitCode.Success;
        });
        return command;
    }

    /// <summary>A table model on the rows of a CSV file, encoded with the preprocessing its file keeps: classes by name, or a
    /// regression's MSE, RMSE, MAE and R² in the target's units.</summary>
    private static int EvaluateTable(CommandContext context, SavedModel saved, string? path, char delimiter, bool json)
    {
        var schema = saved.Table ?? throw new UsageException($"--data: {saved.Path} was not trained on a table; give it a folder of MNIST-format files");
        if (path is null || !TableArguments.IsTable(path))
            throw new UsageException($"--data: {saved.Path} was trained on a table; give it a CSV file with the column '{schema.Target.Name}'");
        var test = schema.Dataset(TableArguments.Read(path, delimiter, "--data"));
        string source = Path.GetFullPath(path);
        if (schema.Target.Task == Hebb.Data.LearningTask.Classification)
        {
            var evaluation = Evaluation.Run(saved.Model, test);
            if (json) WriteJson(context, evaluation, test.Count, schema.Target.Classes);
            else WriteTables(context, evaluation, test.Count, source, schema.Target.Classes);
            return ExitCode.Success;
        }
        var scores = RegressionEvaluation.Run(saved.Model, test, schema.Target.Mean, schema.Target.Scale);
        context.Output.WriteLine(json
            ? Json.Line(new Dictionary<string, object?>
            {
                ["samples"] = scores.Count, ["mse"] = scores.MeanSquaredError, ["rmse"] = scores.RootMeanSquaredError,
                ["mae"] = scores.MeanAbsoluteError, ["r2"] = scores.RSquared,
            })
            : string.Create(CultureInfo.InvariantCulture,
                $"{scores.Count} rows of {source}, target '{schema.Target.Name}': MSE {scores.MeanSquaredError:G6}, RMSE {scores.RootMeanSquaredError:G6}, MAE {scores.MeanAbsoluteError:G6}, R² {scores.RSquared:F4}"));
        return ExitCode.Success;
    }

    private static void WriteJson(CommandContext context, Evaluation evaluation, int samples, string[]? classes)
    {
        int classCount = evaluation.ClassCount;
        var confusion = Enumerable.Range(0, classCount)
            .Select(actual => Enumerable.Range(0, classCount).Select(predicted => evaluation.Confusion[actual, predicted]).ToArray())
            .ToArray();
        var fields = new Dictionary<string, object?>
        {
            ["samples"] = samples,
            ["loss"] = evaluation.Loss,
            ["accuracy"] = evaluation.Accuracy,
            ["per_class_accuracy"] = evaluation.PerClassAccuracy().Select(a => double.IsNaN(a) ? (double?)null : a).ToArray(),
            ["confusion_matrix"] = confusion,
        };
        if (classes is not null) fields["classes"] = classes;
        context.Output.WriteLine(Json.Line(fields));
    }

    /// <param name="classes">The class names of a table model; null: the classes are digits, named by their index.</param>
    private static void WriteTables(CommandContext context, Evaluation evaluation, int samples, string source, string[]? classes)
    {
        // Straight to the output, not through Spectre, which would wrap a long data path at the console width.
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{samples} test samples of {source}: loss {evaluation.Loss:F4}, accuracy {evaluation.Accuracy:F4}"));
        int classCount = evaluation.ClassCount;
        string Name(int index) => classes?[index] ?? index.ToString(CultureInfo.InvariantCulture);
        var perClass = evaluation.PerClassAccuracy();
        var table = new Table().Title("confusion matrix (rows: true class, columns: predicted)").AddColumn("class");
        for (int predicted = 0; predicted < classCount; predicted++) table.AddColumn(new TableColumn(Markup.Escape(Name(predicted))).RightAligned());
        table.AddColumn(new TableColumn("accuracy").RightAligned());
        for (int actual = 0; actual < classCount; actual++)
        {
            var cells = new List<string> { Markup.Escape(Name(actual)) };
            for (int predicted = 0; predicted < classCount; predicted++)
                cells.Add(evaluation.Confusion[actual, predicted].ToString(CultureInfo.InvariantCulture));
            cells.Add(double.IsNaN(perClass[actual]) ? "-" : perClass[actual].ToString("F4", CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }
        Terminal.For(context).Write(table);
    }
}
