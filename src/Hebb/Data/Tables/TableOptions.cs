namespace Hebb.Data.Tables;

/// <summary>What to do with a row that lacks a value in a column the model uses.</summary>
public enum MissingPolicy
{
    /// <summary>Stop with an error naming the file, the line and the column (the default).</summary>
    Error,
    /// <summary>Leave the row out.</summary>
    Drop,
    /// <summary>Fill a numeric column with its training mean, a text column with its most frequent category.</summary>
    Mean,
    /// <summary>Fill any column with its most frequent training value.</summary>
    MostFrequent,
}

/// <summary>What to do with a category that the training rows did not have.</summary>
public enum UnknownPolicy
{
    /// <summary>Stop with an error naming the row, the column and the value (the default).</summary>
    Error,
    /// <summary>Encode it as no known category: every one-hot input 0, as scikit-learn's <c>handle_unknown='ignore'</c>.</summary>
    Ignore,
}

/// <summary>How a table becomes a data set: the target column, the feature columns, the task and the policies.</summary>
public sealed record TableOptions
{
    /// <summary>The column to predict; required.</summary>
    public required string Target { get; init; }

    /// <summary>The feature columns, in this order; null: every column but the target and <see cref="Ignore"/>, in the file's order.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Columns that are not features (ids, dates); only without <see cref="Columns"/>.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>The task; null: inferred from the target (see <see cref="TaskInference"/>).</summary>
    public LearningTask? Task { get; init; }

    /// <summary>Missing values: an error unless told otherwise.</summary>
    public MissingPolicy Missing { get; init; }

    /// <summary>Unseen categories at prediction time: an error unless told otherwise.</summary>
    public UnknownPolicy Unknown { get; init; }
}
