namespace Hebb.Training;

/// <summary>The note's training settings: 20 epochs of plain SGD at 0.01 over shuffled mini-batches of 50.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 20;
    public int BatchSize { get; init; } = 50;
    public float LearningRate { get; init; } = 0.01f;
    public ulong Seed { get; init; } = 42;

    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), $"epochs must be at least 1, got {Epochs}");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"batch size must be at least 1, got {BatchSize}");
        if (!(LearningRate > 0) || !float.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"learning rate must be positive and finite, got {LearningRate}");
    }
}
