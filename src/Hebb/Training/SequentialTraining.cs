using Hebb.Data;
using Hebb.Layers;

namespace Hebb.Training;

/// <summary>The note's <c>model.Fit(train, …)</c> as an extension of <see cref="Sequential"/>, over <see cref="Trainer"/>.</summary>
public static class SequentialTraining
{
    /// <summary>Trains <paramref name="model"/> as the note does (SGD on shuffled mini-batches; defaults
    /// from <see cref="TrainingOptions"/>) and returns the report of every epoch.</summary>
    public static IReadOnlyList<EpochReport> Fit(this Sequential model, Dataset train, Dataset? test = null,
        TrainingOptions? options = null, Action<EpochReport>? onEpoch = null) =>
        new Trainer(model, options ?? new TrainingOptions()).Fit(train, test, onEpoch);

    /// <summary>Trains a classifier on the rows of <paramref name="features"/> ([samples, features]) with a class index
    /// per row, as scikit-learn's <c>fit(X, y)</c>; the features are used as given (standardize them first).</summary>
    public static IReadOnlyList<EpochReport> Fit(this Sequential model, float[,] features, int[] labels,
        TrainingOptions? options = null, Action<EpochReport>? onEpoch = null) =>
        model.Fit(TableDataset.FromRows(features, labels, model.OutputWidth), test: null, options, onEpoch);

    /// <summary>Trains a regression model (one linear output, mean squared error) on the rows of
    /// <paramref name="features"/> ([samples, features]) with a real target per row.</summary>
    public static IReadOnlyList<EpochReport> Fit(this Sequential model, float[,] features, float[] targets,
        TrainingOptions? options = null, Action<EpochReport>? onEpoch = null) =>
        model.Fit(TableDataset.FromRows(features, targets), test: null, options, onEpoch);

    /// <summary>Trains a classifier on rows of <paramref name="featureCount"/> floats laid end to end in
    /// <paramref name="features"/> (copied), with a class index per row.</summary>
    public static IReadOnlyList<EpochReport> Fit(this Sequential model, ReadOnlySpan<float> features, int featureCount, int[] labels,
        TrainingOptions? options = null, Action<EpochReport>? onEpoch = null) =>
        model.Fit(TableDataset.FromRows(features, featureCount, labels, model.OutputWidth), test: null, options, onEpoch);

    /// <summary>Trains a regression model on rows of <paramref name="featureCount"/> floats laid end to end in
    /// <paramref name="features"/> (copied), with a real target per row.</summary>
    public static IReadOnlyList<EpochReport> Fit(this Sequential model, ReadOnlySpan<float> features, int featureCount, float[] targets,
        TrainingOptions? options = null, Action<EpochReport>? onEpoch = null) =>
        model.Fit(TableDataset.FromRows(features, featureCount, targets), test: null, options, onEpoch);
}
