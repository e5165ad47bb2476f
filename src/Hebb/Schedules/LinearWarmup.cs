using System.Globalization;

namespace Hebb.Schedules;

/// <summary>
/// <paramref name="epochs"/> epochs of linear warm-up in front of <paramref name="main"/>: torch's
/// <c>SequentialLR([LinearLR(start_factor, total_iters=epochs), main], milestones=[epochs])</c>. Epoch e &lt; epochs runs
/// at the base rate times start_factor + (1 − start_factor)·e/epochs; from then on <paramref name="main"/> runs as if
/// it started at epoch <paramref name="epochs"/>. The start factor defaults to LinearLR's, 1/3.
/// </summary>
public sealed class LinearWarmup(ILearningRateSchedule main, float baseRate, int epochs, double startFactor = 1.0 / 3) : ILearningRateSchedule
{
    /// <summary>The schedule after the warm-up.</summary>
    public ILearningRateSchedule Main { get; } = main;

    /// <inheritdoc />
    public string Name => Main.Name;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>(Main.Settings)
    {
        ["warmup"] = epochs, ["warmup_start_factor"] = startFactor,
    };

    /// <inheritdoc />
    public float RateFor(int epoch) =>
        epoch < epochs ? (float)(baseRate * (startFactor + (1 - startFactor) * epoch / epochs)) : Main.RateFor(epoch - epochs);

    /// <summary>Passes the loss on to <see cref="Main"/> once the warm-up is over.</summary>
    public void Observe(int epoch, double monitoredLoss)
    {
        if (epoch >= epochs) Main.Observe(epoch - epochs, monitoredLoss);
    }

    /// <inheritdoc />
    public ScheduleState SaveState() => Main.SaveState();

    /// <inheritdoc />
    public void LoadState(ScheduleState state) => Main.LoadState(state);
}
