using Hebb.Training;

namespace Hebb.Serialization;

/// <summary>What a model file records besides the weights: how it was trained, and on what.</summary>
public sealed record ModelInfo(TrainingOptions Training, IReadOnlyList<EpochReport> History, string Dataset, int Threads)
{
    /// <summary>Epochs trained: one entry of <see cref="History"/> each.</summary>
    public int Epochs => History.Count;
}
