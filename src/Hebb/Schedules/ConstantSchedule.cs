namespace Hebb.Schedules;

/// <summary>The same rate in every epoch: the note's set-up.</summary>
public sealed class ConstantSchedule(float rate) : StatelessSchedule
{
    /// <inheritdoc />
    public override string Name => "constant";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, double> Settings { get; } = new Dictionary<string, double>();

    /// <inheritdoc />
    public override float RateFor(int epoch) => rate;
}
