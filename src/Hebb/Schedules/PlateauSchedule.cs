namespace Hebb.Schedules;

/// <summary>
/// torch's <c>ReduceLROnPlateau</c> in mode min with a relative threshold: after more than <paramref name="patience"/>
/// epochs whose monitored loss is not below best·(1 − <paramref name="threshold"/>), the rate is multiplied by
/// <paramref name="factor"/> (not below <paramref name="minRate"/>), then <paramref name="cooldown"/> epochs pass
/// before bad epochs count again. torch's defaults: factor 0.1, patience 10, threshold 1e-4, cooldown 0, min_lr 0.
/// </summary>
public sealed class PlateauSchedule(float baseRate, double factor, int patience, double threshold, int cooldown, double minRate)
    : ILearningRateSchedule
{
    // torch ignores a reduction smaller than this (its eps argument, 1e-8 by default).
    private const double SmallestChange = 1e-8;

    // No loss seen yet: torch starts from infinity; the largest double behaves the same for every finite loss and
    // keeps the saved state finite.
    private double best = double.MaxValue;
    private double rate = baseRate;
    private int badEpochs;
    private int cooldownLeft;

    /// <inheritdoc />
    public string Name => "plateau";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Settings { get; } = new Dictionary<string, double>
    {
        ["factor"] = factor, ["patience"] = patience, ["threshold"] = threshold, ["cooldown"] = cooldown, ["min_lr"] = minRate,
    };

    /// <summary>The rate after the losses observed so far (whatever the epoch).</summary>
    public float RateFor(int epoch) => (float)rate;

    /// <inheritdoc />
    public void Observe(int epoch, double monitoredLoss)
    {
        if (monitoredLoss < best * (1 - threshold))
        {
            best = monitoredLoss;
            badEpochs = 0;
        }
        else badEpochs++;
        if (cooldownLeft > 0)
        {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > patience)
        {
            double reduced = Math.Max(rate * factor, minRate);
            if (rate - reduced > SmallestChange) rate = reduced;
            cooldownLeft = cooldown;
            badEpochs = 0;
        }
    }

    /// <inheritdoc />
    public ScheduleState SaveState() => new(new Dictionary<string, double>
    {
        ["lr"] = rate, ["best"] = best, ["num_bad_epochs"] = badEpochs, ["cooldown_counter"] = cooldownLeft,
    });

    /// <inheritdoc />
    public void LoadState(ScheduleState state)
    {
        double Value(string key, double min, double max) =>
            state.Values.TryGetValue(key, out double value) && value >= min && value <= max
                ? value
                : throw new InvalidDataException($"plateau schedule state: '{key}' is {(state.Values.TryGetValue(key, out double v) ? v : "missing")}, expected a number in [{min}, {max}]");
        rate = Value("lr", 0, double.MaxValue);
        best = Value("best", double.MinValue, double.MaxValue);
        badEpochs = (int)Value("num_bad_epochs", 0, int.MaxValue);
        cooldownLeft = (int)Value("cooldown_counter", 0, int.MaxValue);
    }
}
