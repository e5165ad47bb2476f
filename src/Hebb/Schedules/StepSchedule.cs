namespace Hebb.Schedules;

/// <summary>The rate times γ every <paramref name="stepSize"/> epochs: torch's <c>StepLR</c>, η·γ^⌊e / step_size⌋.</summary>
public sealed class StepSchedule(float baseRate, int stepSize, double gamma) : StatelessSchedule
{
    /// <inheritdoc />
    public override string Name => "step";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> Settings { get; } = new Dictionary<string, double> { ["step_size"] = stepSize, ["gamma"] = gamma };

    /// <inheritdoc />
    public override float RateFor(int epoch) => (float)(baseRate * Math.Pow(gamma, epoch / stepSize));
}
