namespace Hebb.Schedules;

/// <summary>The rate times γ every epoch: torch's <c>ExponentialLR</c>, η·γ^e.</summary>
public sealed class ExponentialSchedule(float baseRate, double gamma) : StatelessSchedule
{
    /// <inheritdoc />
    public override string Name => "exponential";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> Settings { get; } = new Dictionary<string, double> { ["gamma"] = gamma };

    /// <inheritdoc />
    public override float RateFor(int epoch) => (float)(baseRate * Math.Pow(gamma, epoch));
}
