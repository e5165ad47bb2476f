namespace Hebb.Schedules;

/// <summary>The same rate in every epoch: the note's set-up.</summary>
public sealed class ConstantSchedule(float rate) : ILearningRateSchedule
{
    /// <inheritdoc />
    public string Name => "constant";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Settings { get; } = new Dictionary<string, double>();

    /// <inheritdoc />
    public float RateFor(int epoch) => rate;

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
