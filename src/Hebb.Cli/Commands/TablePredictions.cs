using System.Globalization;
using System.Text;
using Hebb.Cli.Output;
using Hebb.Data;
using Hebb.Data.Tables;
using Hebb.Serialization;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb predict --input FILE.csv</c>: a table model's prediction for every row, its columns matched by name and
/// encoded with the preprocessing the model file keeps.</summary>
internal static class TablePredictions
{
    /// <summary>Writes a row per input row: its line in the file, the prediction (a class name or a value), the predicted
    /// class's probability, and the target when the file has it; CSV (to <paramref name="outputPath"/> or the output) or JSON lines.</summary>
    public static int Write(CommandContext context, SavedModel saved, Table table, string? outputPath, bool json)
    {
        var schema = saved.Table ?? throw new UsageException($"--input: {saved.Path} was not trained on a table; --input takes a model that was");
        if (outputPath is not null) SharedOptions.CheckOutputPath(outputPath);
        var rows = schema.Rows(table);
        var features = schema.Encode(table, rows);
        var predictor = saved.CreatePredictor(maxBatch: Math.Clamp(rows.Length, 1, Inference.Predictor.DefaultMaxBatch));
        var outputs = new float[rows.Length * predictor.OutputWidth];
        bool classes = schema.Target.Task == LearningTask.Classification;
        for (int start = 0; start < rows.Length; start += predictor.MaxBatch)
        {
            int n = Math.Min(predictor.MaxBatch, rows.Length - start);
            var samples = features.AsSpan(start * schema.FeatureWidth, n * schema.FeatureWidth);
            var destination = outputs.AsSpan(start * predictor.OutputWidth, n * predictor.OutputWidth);
            if (classes) predictor.Probabilities(samples, destination);
            else predictor.Logits(samples, destination);
        }
        var target = table.Column(schema.Target.Name);
        var text = new StringBuilder();
        if (!json) text.Append("line,predicted").Append(classes ? ",probability" : "").Append(target is null ? "" : ",target").Append('\n');
        for (int i = 0; i < rows.Length; i++)
        {
            var row = outputs.AsSpan(i * predictor.OutputWidth, predictor.OutputWidth);
            string predicted = schema.Decode(row);
            double? probability = classes ? row[Inference.Predictor.ClassOf(row)] : null;
            string? actual = target?.Text(rows[i]);
            if (json)
            {
                var fields = new Dictionary<string, object?> { ["line"] = table.Lines[rows[i]], ["predicted"] = predicted };
                if (probability is double p) fields["probability"] = p;
                if (target is not null) fields["target"] = actual;
                text.Append(Json.Line(fields)).Append('\n');
                continue;
            }
            text.Append(table.Lines[rows[i]].ToString(CultureInfo.InvariantCulture)).Append(',').Append(Quoted(predicted));
            if (probability is double q) text.Append(',').Append(q.ToString("R", CultureInfo.InvariantCulture));
            if (target is not null) text.Append(',').Append(Quoted(actual ?? ""));
            text.Append('\n');
        }
        if (outputPath is null) context.Output.Write(text.ToString());
        else AtomicFile.Write(outputPath, stream => stream.Write(Encoding.UTF8.GetBytes(text.ToString())));
        return ExitCode.Success;
    }

    /// <summary>A CSV field, quoted when it holds a separator, a quote or a line end (RFC 4180).</summary>
    private static string Quoted(string field) => field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"")}\"";
}
