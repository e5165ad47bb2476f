using Hebb.Data;
using Hebb.Layers;

namespace Hebb.Training;

/// <summary>The note's <c>model.Fit(train, …)</c> as an extension of <see cref="Sequential"/>, over <see cref="Trainer"/>.</summary>
public static class SequentialTraining
{
    /// <summary>Trains <paramref name="model"/> as the note does (SGD on shuffled mini-batches; defaults
    /// from <see cref="TrainingOptions"/>) and returns the report of every epoch.</summary>
    public static IReadOnlyList<EpochReport> Fit(this Sequential model, ImageDataset train, ImageDataset? test = null,
        TrainingOptions? options = null, Action<EpochReport>? onEpoch = null) =>
        new Trainer(model, options ?? new TrainingOptions()).Fit(train, test, onEpoch);
}
