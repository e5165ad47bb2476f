namespace Hebb.Optimizers;

/// <summary>Everything an optimiser's next steps depend on, as <see cref="IOptimizer.SaveState"/> copies it.</summary>
/// <param name="StepCount">Steps taken so far.</param>
/// <param name="Slots">Every per-parameter buffer, in the order of the parameters and then of the buffers.</param>
public sealed record OptimizerState(long StepCount, IReadOnlyList<OptimizerSlot> Slots);

/// <summary>One per-parameter buffer of an optimiser.</summary>
/// <param name="Name">"&lt;parameter name&gt;/&lt;buffer&gt;", the buffer named as PyTorch names it:
/// momentum_buffer, exp_avg, exp_avg_sq, square_avg, sum, …</param>
/// <param name="Values">The buffer's values, one per value of the parameter.</param>
public sealed record OptimizerSlot(string Name, float[] Values);
