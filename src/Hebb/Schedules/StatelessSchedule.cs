namespace Hebb.Schedules;

/// <summary>A schedule whose rate is a function of the epoch alone: it ignores the loss and has no state to save.</summary>
public abstract class StatelessSchedule : ILearningRateSchedule
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract IReadOnlyDictionary<string, double> Settings { get; }

    /// <inheritdoc />
    public abstract float RateFor(int epoch);

    /// <inheritdoc />
    public void Observe(int epoch, double monitoredLoss)
    {
    }

    /// <inheritdoc />
    public ScheduleState SaveState() => new(new Dictionary<string, double>());

    /// <inheritdoc />
    public void LoadState(ScheduleState state)
    {
    }
}
