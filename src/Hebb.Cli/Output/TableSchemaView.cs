using System.Globalization;
using Hebb.Data;
using Hebb.Data.Tables;

namespace Hebb.Cli.Output;

/// <summary>A table model's input schema as <c>hebb info</c> shows it: each feature column with its type, the inputs it
/// takes and what was fitted on the training rows (mean and standard deviation, or categories), the target and its task,
/// and the policies for missing values and unseen categories.</summary>
internal static class TableSchemaView
{
    /// <summary>The schema as data, for <c>hebb info --json</c>.</summary>
    public static Dictionary<string, object?> ToJson(TableSchema schema) => new()
    {
        ["columns"] = schema.Features.Select(feature => new Dictionary<string, object?>
        {
            ["name"] = feature.Name,
            ["type"] = TypeOf(feature),
            ["inputs"] = feature.Width,
            ["mean"] = feature.Numeric ? feature.Mean : null,
            ["standard_deviation"] = feature.Numeric ? feature.Scale : null,
            ["categories"] = feature.Numeric ? null : feature.Categories,
            ["fill"] = feature.Fill,
        }).ToArray(),
        ["target"] = new Dictionary<string, object?>
        {
            ["name"] = schema.Target.Name,
            ["task"] = TaskName(schema.Target.Task),
            ["reason"] = schema.Target.Reason,
            ["classes"] = schema.Target.Task == LearningTask.Classification ? schema.Target.Classes : null,
            ["mean"] = schema.Target.Task == LearningTask.Regression ? schema.Target.Mean : null,
            ["standard_deviation"] = schema.Target.Task == LearningTask.Regression ? schema.Target.Scale : null,
        },
        ["inputs"] = schema.FeatureWidth,
        ["missing"] = PolicyName(schema.Missing.ToString()),
        ["unknown"] = PolicyName(schema.Unknown.ToString()),
    };

    /// <summary>One row per feature column: name, type, inputs, what was fitted, and the fill of a missing cell.</summary>
    public static IEnumerable<string[]> Rows(TableSchema schema) => schema.Features.Select(feature => new[]
    {
        feature.Name, TypeOf(feature), feature.Width.ToString(CultureInfo.InvariantCulture),
        feature.Numeric ? $"mean {Figure(feature.Mean)}, sd {Figure(feature.Scale)}" : $"{feature.Categories.Length} categories: {string.Join(", ", feature.Categories)}",
        feature.Fill ?? "-",
    });

    /// <summary>The target, its task and why, and the policies, in one line each.</summary>
    public static IEnumerable<string> Lines(TableSchema schema)
    {
        var target = schema.Target;
        yield return target.Task == LearningTask.Regression
            ? $"target '{target.Name}': regression ({target.Reason}); mean {Figure(target.Mean)}, sd {Figure(target.Scale)}, predictions in its units"
            : $"target '{target.Name}': classification ({target.Reason}); {target.Classes.Length} classes: {string.Join(", ", target.Classes)}";
        yield return $"missing values: {PolicyName(schema.Missing.ToString())}; unknown categories: {PolicyName(schema.Unknown.ToString())}";
    }

    private static string TypeOf(FeatureColumn feature) => feature.Numeric ? "number" : "text";

    private static string TaskName(LearningTask task) => task.ToString().ToLowerInvariant();

    /// <summary>A policy as <c>--missing</c> and <c>--unknown</c> spell it: MostFrequent is most-frequent.</summary>
    private static string PolicyName(string policy) =>
        string.Concat(policy.Select((letter, i) => char.IsUpper(letter) && i > 0 ? $"-{char.ToLowerInvariant(letter)}" : char.ToLowerInvariant(letter).ToString()));

    private static string Figure(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
