namespace Hebb.Schedules;

/// <summary>
/// Cosine annealing from the base rate η to <paramref name="etaMin"/> over <paramref name="tMax"/> epochs: torch's
/// <c>CosineAnnealingLR</c>, η_min + (η − η_min)·(1 + cos(π·e / T_max)) / 2 (rising again after T_max, as torch's does).
/// </summary>
public sealed class CosineSchedule(float baseRate, int tMax, double etaMin) : StatelessSchedule
{
    /// <inheritdoc />
    public override string Name => "cosine";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> Settings { get; } = new Dictionary<string, double> { ["t_max"] = tMax, ["eta_min"] = etaMin };

    /// <inheritdoc />
    public override float RateFor(int epoch) => (float)(etaMin + (baseRate - etaMin) * (1 + Math.Cos(Math.PI * epoch / tMax)) / 2);
}
