using Hebb.Optimizers;
using Hebb.Schedules;

namespace Hebb.Training;

/// <summary>The note's training settings by default: 20 epochs of plain SGD at 0.01 over shuffled mini-batches of 50.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set (a resumed run: the total, the epochs already done included).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Samples per step.</summary>
    public int BatchSize { get; init; } = 50;

    private readonly OptimizerOptions optimizer = new();
    private readonly float? learningRate;

    /// <summary>The optimiser and its base learning rate (<see cref="LearningRate"/>, when set, takes precedence).</summary>
    public OptimizerOptions Optimizer
    {
        get => learningRate is float rate ? optimizer with { LearningRate = rate } : optimizer;
        init => optimizer = value;
    }

    /// <summary>The learning rate of every epoch, from the optimiser's.</summary>
    public ScheduleOptions Schedule { get; init; } = new();

    /// <summary>The base learning rate: setting it here or in <see cref="Optimizer"/> is the same, in either order
    /// (here wins when both are set).</summary>
    public float LearningRate
    {
        get => Optimizer.LearningRate;
        init => learningRate = value;
    }

    /// <summary>Seeds the batch order and the validation split (and, through the model, the initial weights and dropout masks).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>The share of the training set held out, stratified by class, to report validation loss and accuracy
    /// after every epoch (0, the default: none). The cut depends on <see cref="Seed"/> alone.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Stops when the monitored loss has not improved for this many epochs in a row, and puts back the
    /// weights of the best epoch (0, the default: never). The monitored loss is the validation loss when there is a
    /// validation split, else the training loss.</summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), $"epochs must be at least 1, got {Epochs}");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"batch size must be at least 1, got {BatchSize}");
        Optimizer.Validate();
        Schedule.Validate();
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), $"validation fraction must lie in [0, 1), got {ValidationFraction}");
        if (EarlyStoppingPatience < 0)
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), $"early-stopping patience must be 0 (off) or more, got {EarlyStoppingPatience}");
    }
}
