namespace Hebb.Schedules;

/// <summary>A schedule's position, as named values (e.g. reduce-on-plateau's best loss and bad epochs).</summary>
/// <param name="Values">The values, keys snake_case as PyTorch's <c>state_dict</c> names them.</param>
public sealed record ScheduleState(IReadOnlyDictionary<string, double> Values);
