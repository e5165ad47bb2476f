namespace Hebb.Data.Tables;

/// <summary>
/// A feature column as fitted on the training rows: a numeric one is standardized, (x − <paramref name="Mean"/>) /
/// <paramref name="Scale"/>, one input; a text one is one-hot encoded over <paramref name="Categories"/>, one input each.
/// </summary>
/// <param name="Name">The column's name in the header.</param>
/// <param name="Numeric">True for a numeric column, false for a text (categorical) one.</param>
/// <param name="Mean">The training mean of a numeric column (0 for text).</param>
/// <param name="Scale">Its population standard deviation, or 1 where that is 0, as scikit-learn's StandardScaler (1 for text).</param>
/// <param name="Categories">A text column's categories in ordinal order (empty for a numeric one).</param>
/// <param name="Fill">What fills a missing cell under the mean and most-frequent policies: a number in invariant text, or a
/// category; null under the others.</param>
public sealed record FeatureColumn(string Name, bool Numeric, double Mean, double Scale, string[] Categories, string? Fill)
{
    /// <summary>Inputs of the network this column takes: 1, or one per category.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Width => Numeric ? 1 : Categories.Length;
}

/// <summary>The target column as fitted on the training rows.</summary>
/// <param name="Name">The column's name in the header.</param>
/// <param name="Task">Classes or a quantity.</param>
/// <param name="Reason">Why that task: inferred from the values, or asked for.</param>
/// <param name="Classes">The class names in ordinal (numbers: numeric) order, the model's outputs in that order; empty for regression.</param>
/// <param name="Mean">A regression target's training mean, which the model's output is standardized around (0 for classes).</param>
/// <param name="Scale">A regression target's population standard deviation (1 for classes): a value is Mean + Scale × output.</param>
public sealed record TargetColumn(string Name, LearningTask Task, string Reason, string[] Classes, double Mean, double Scale)
{
    /// <summary>Outputs the network needs: one per class, or one.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Width => Task == LearningTask.Regression ? 1 : Classes.Length;
}
