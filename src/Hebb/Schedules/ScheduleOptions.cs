using System.Globalization;

namespace Hebb.Schedules;

/// <summary>What a user (or the command line) chooses of a learning-rate schedule; <see cref="Create"/> builds it
/// for a run's base rate and epoch count. Unset values take torch.optim.lr_scheduler's defaults where it has them.</summary>
public sealed record ScheduleOptions
{
    /// <summary>One of <see cref="Names"/>.</summary>
    public string Name { get; init; } = "constant";

    /// <summary>Epochs of linear warm-up in front of the schedule; 0: none.</summary>
    public int Warmup { get; init; }

    /// <summary>The share of the base rate in the first warm-up epoch: torch's LinearLR default, 1/3.</summary>
    public double WarmupStartFactor { get; init; } = 1.0 / 3;

    /// <summary>step: epochs between two reductions (torch has no default; 10 here).</summary>
    public int StepSize { get; init; } = 10;

    /// <summary>step and exponential: the factor per reduction; null: 0.1 for step (StepLR's default), 0.95 for exponential.</summary>
    public double? Gamma { get; init; }

    /// <summary>cosine: epochs from the base rate down to <see cref="MinLearningRate"/>; null: the run's epochs after the warm-up.</summary>
    public int? TMax { get; init; }

    /// <summary>cosine's eta_min and plateau's min_lr: the lowest rate (default 0).</summary>
    public double MinLearningRate { get; init; }

    /// <summary>plateau: the factor per reduction (ReduceLROnPlateau's default, 0.1).</summary>
    public double Factor { get; init; } = 0.1;

    /// <summary>plateau: epochs without improvement tolerated before a reduction (default 10).</summary>
    public int Patience { get; init; } = 10;

    /// <summary>plateau: the relative improvement that counts (default 1e-4).</summary>
    public double Threshold { get; init; } = 1e-4;

    /// <summary>plateau: epochs after a reduction before bad epochs count again (default 0).</summary>
    public int Cooldown { get; init; }

    /// <summary>The schedules <see cref="Name"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["constant", "step", "exponential", "cosine", "plateau"];

    /// <summary>The gamma actually used: <see cref="Gamma"/>, or the schedule's default.</summary>
    public double EffectiveGamma => Gamma ?? (Name == "exponential" ? 0.95 : 0.1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range and what it accepts.</summary>
    public void Validate()
    {
        if (!Names.Contains(Name))
            throw new ArgumentException($"schedule '{Name}' is not one of {string.Join(", ", Names)}", nameof(Name));
        AtLeast(Warmup, 0, nameof(Warmup));
        if (!(WarmupStartFactor is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(WarmupStartFactor), Text($"warm-up start factor must lie in (0, 1], got {WarmupStartFactor}"));
        AtLeast(StepSize, 1, nameof(StepSize));
        if (Gamma is double gamma && !(gamma > 0 && double.IsFinite(gamma)))
            throw new ArgumentOutOfRangeException(nameof(Gamma), Text($"gamma must be positive and finite, got {gamma}"));
        if (TMax is int tMax) AtLeast(tMax, 1, nameof(TMax));
        if (!(MinLearningRate >= 0 && double.IsFinite(MinLearningRate)))
            throw new ArgumentOutOfRangeException(nameof(MinLearningRate), Text($"minimum learning rate must be zero or more and finite, got {MinLearningRate}"));
        if (!(Factor is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(Factor), Text($"factor must lie in (0, 1), got {Factor}"));
        AtLeast(Patience, 0, nameof(Patience));
        if (!(Threshold >= 0 && double.IsFinite(Threshold)))
            throw new ArgumentOutOfRangeException(nameof(Threshold), Text($"threshold must be zero or more and finite, got {Threshold}"));
        AtLeast(Cooldown, 0, nameof(Cooldown));
    }

    /// <summary>The chosen schedule from <paramref name="baseLearningRate"/> over a run of <paramref name="epochs"/> epochs.</summary>
    public ILearningRateSchedule Create(float baseLearningRate, int epochs)
    {
        Validate();
        var main = Main(baseLearningRate, Math.Max(1, epochs - Warmup));
        return Warmup == 0 ? main : new LinearWarmup(main, baseLearningRate, Warmup, WarmupStartFactor);
    }

    /// <summary>The schedule after the warm-up, over the <paramref name="epochs"/> epochs left after it.</summary>
    private ILearningRateSchedule Main(float baseLearningRate, int epochs) => Name switch
    {
        "step" => new StepSchedule(baseLearningRate, StepSize, EffectiveGamma),
        "exponential" => new ExponentialSchedule(baseLearningRate, EffectiveGamma),
        "cosine" => new CosineSchedule(baseLearningRate, TMax ?? epochs, MinLearningRate),
        "plateau" => new PlateauSchedule(baseLearningRate, Factor, Patience, Threshold, Cooldown, MinLearningRate),
        _ => new ConstantSchedule(baseLearningRate),
    };

    private static void AtLeast(int value, int least, string name)
    {
        if (value < least) throw new ArgumentOutOfRangeException(name, $"{name} must be at least {least}, got {value}");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
