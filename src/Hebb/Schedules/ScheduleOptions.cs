namespace Hebb.Schedules;

/// <summary>What a user (or the command line) chooses of a learning-rate schedule; <see cref="Create"/> builds it
/// for a run's base rate and epoch count.</summary>
public sealed record ScheduleOptions
{
    /// <summary>One of <see cref="Names"/>.</summary>
    public string Name { get; init; } = "constant";

    /// <summary>Epochs of linear warm-up in front of the schedule; 0: none.</summary>
    public int Warmup { get; init; }

    /// <summary>The share of the base rate in the first warm-up epoch: torch's LinearLR default, 1/3.</summary>
    public double WarmupStartFactor { get; init; } = 1.0 / 3;

    /// <summary>The schedules <see cref="Name"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["constant"];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range and what it accepts.</summary>
    public void Validate()
    {
        if (!Names.Contains(Name))
            throw new ArgumentException($"schedule '{Name}' is not one of {string.Join(", ", Names)}", nameof(Name));
        if (Warmup < 0)
            throw new ArgumentOutOfRangeException(nameof(Warmup), $"warm-up must be zero or more epochs, got {Warmup}");
        if (!(WarmupStartFactor is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(WarmupStartFactor), $"warm-up start factor must lie in (0, 1], got {WarmupStartFactor}");
    }

    /// <summary>The chosen schedule from <paramref name="baseLearningRate"/> over a run of <paramref name="epochs"/> epochs.</summary>
    public ILearningRateSchedule Create(float baseLearningRate, int epochs)
    {
        Validate();
        var main = Main(baseLearningRate, epochs - Warmup);
        return Warmup == 0 ? main : new LinearWarmup(main, baseLearningRate, Warmup, WarmupStartFactor);
    }

    /// <summary>The schedule after the warm-up, over the <paramref name="epochs"/> epochs left after it.</summary>
    private ILearningRateSchedule Main(float baseLearningRate, int epochs) => Name switch
    {
        "constant" => new ConstantSchedule(baseLearningRate),
        _ => throw new ArgumentException($"schedule '{Name}' is not one of {string.Join(", ", Names)}", nameof(Name)),
    };
}
