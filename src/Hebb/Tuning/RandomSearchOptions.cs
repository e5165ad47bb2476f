namespace Hebb.Tuning;

/// <summary>The budget of a random search and how it scores: trials of a few epochs each, on a validation set
/// held out from the training set (a tenth of it unless <see cref="ValidationCount"/> says how many samples).</summary>
public sealed record RandomSearchOptions
{
    /// <summary>Configurations drawn and trained (20).</summary>
    public int Trials { get; init; } = 20;
    /// <summary>Epochs each trial trains before it is scored (10).</summary>
    public int EpochsPerTrial { get; init; } = 10;
    /// <summary>Mini-batch size of every trial (50, the note's).</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>Seeds the configurations drawn, the validation cut, and every trial's initial weights and batch order.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Share of the training set held out to score the trials, strictly between 0 and 1 (0.1).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>When set, the size of the validation set in samples, in place of <see cref="ValidationFraction"/>.</summary>
    public int? ValidationCount { get; init; }

    /// <summary>Checks every option against its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range: the message names it and its value.</exception>
    public void Validate()
    {
        if (Trials < 1) throw new ArgumentOutOfRangeException(nameof(Trials), $"trials must be at least 1, got {Trials}");
        if (EpochsPerTrial < 1) throw new ArgumentOutOfRangeException(nameof(EpochsPerTrial), $"epochs per trial must be at least 1, got {EpochsPerTrial}");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"batch size must be at least 1, got {BatchSize}");
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), $"validation fraction must lie strictly between 0 and 1, got {ValidationFraction}");
        if (ValidationCount < 1)
            throw new ArgumentOutOfRangeException(nameof(ValidationCount), $"validation count must be at least 1, got {ValidationCount}");
    }

    /// <summary>How many of <paramref name="trainingCount"/> samples to hold out: at least one, and never all of them.</summary>
    public int ValidationSamples(int trainingCount) =>
        ValidationCount ?? Math.Clamp((int)Math.Round(ValidationFraction * trainingCount), 1, Math.Max(1, trainingCount - 1));
}
