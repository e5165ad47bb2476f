namespace Hebb.Data.Tables;

/// <summary>
/// Whether a target column is classes or a quantity, as a user would judge it: text is classes; whole numbers with at most
/// <see cref="MaxIntegerClasses"/> distinct values (0/1, ratings 1 to 5, digit labels) are classes; any other numbers are a
/// regression target. The reason is said with the choice, so that a wrong guess is seen and overridden.
/// </summary>
public static class TaskInference
{
    /// <summary>The most distinct whole numbers a target may have to be taken for classes.</summary>
    public const int MaxIntegerClasses = 20;

    /// <summary>The task the values of <paramref name="target"/> at <paramref name="rows"/> suggest, and why.</summary>
    public static (LearningTask Task, string Reason) Infer(TableColumn target, IEnumerable<int> rows)
    {
        if (!target.IsNumeric) return (LearningTask.Classification, $"the target '{target.Name}' holds text");
        var values = rows.Select(row => target.Numbers![row]).Where(value => !float.IsNaN(value)).ToList();
        int distinct = values.Distinct().Count();
        if (values.All(value => value == MathF.Round(value)) && distinct <= MaxIntegerClasses)
            return (LearningTask.Classification, $"the target '{target.Name}' holds {distinct} distinct whole numbers (at most {MaxIntegerClasses} are taken for classes)");
        return (LearningTask.Regression, values.All(value => value == MathF.Round(value))
            ? $"the target '{target.Name}' holds {distinct} distinct whole numbers, more than the {MaxIntegerClasses} taken for classes"
            : $"the target '{target.Name}' holds numbers that are not all whole");
    }
}
