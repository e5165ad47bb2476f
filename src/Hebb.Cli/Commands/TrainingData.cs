using Hebb.Data;

namespace Hebb.Cli.Commands;

/// <summary>What <c>hebb train</c> trains on, whatever its source: MNIST-format files or a table.</summary>
/// <param name="Train">The samples the model learns from.</param>
/// <param name="Test">The samples it is scored on after every epoch.</param>
/// <param name="Source">Where they came from, for reports and the model file.</param>
internal sealed record TrainingData(Dataset Train, Dataset Test, string Source)
{
    /// <summary>The training and test sets of MNIST-format files.</summary>
    public static TrainingData Of(DataSplit split) => new(split.Train, split.Test, split.Source);
}
