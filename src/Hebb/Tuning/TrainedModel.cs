using Hebb.Layers;
using Hebb.Training;

namespace Hebb.Tuning;

/// <summary>A network trained by a search, with what a model file records of its training.</summary>
public sealed record TrainedModel(Sequential Model, TrainingOptions Options, IReadOnlyList<EpochReport> History);
