using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>
/// Updates parameters from their gradients. Each parameter has its own state object (momentum
/// buffers, Adam's moments, …), created on its first step and kept with the optimiser.
/// </summary>
public abstract class Optimizer<TState> : IOptimizer where TState : class
{
    private readonly Dictionary<Parameter, TState> states = new(ReferenceEqualityComparer.Instance);
    // An array, not a list behind an interface: looping over it allocates no enumerator, once per step.
    private readonly Parameter[] parameters;

    protected Optimizer(IEnumerable<Parameter> parameters)
    {
        this.parameters = parameters.ToArray();
        if (this.parameters.Length == 0) throw new ArgumentException("an optimizer needs at least one parameter");
    }

    public IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>Number of <see cref="Step"/> calls so far.</summary>
    public long StepCount { get; private set; }

    public void Step()
    {
        StepCount++;
        foreach (var parameter in parameters)
        {
            var gradient = parameter.Value.Grad;
            if (gradient is null) continue;
            if (!states.TryGetValue(parameter, out var state))
                states[parameter] = state = CreateState(parameter);
            Update(parameter.Value.Data, gradient.Data, state);
        }
    }

    /// <summary>Counts a step that a fused kernel applied on this optimiser's behalf (plain SGD in the dense training step).</summary>
    internal void CountFusedStep() => StepCount++;

    public void ZeroGrad()
    {
        foreach (var parameter in parameters) parameter.Value.ZeroGrad();
    }

    /// <summary>The state of <paramref name="parameter"/>, or null before its first step.</summary>
    public TState? StateOf(Parameter parameter) => states.GetValueOrDefault(parameter);

    protected abstract TState CreateState(Parameter parameter);

    protected abstract void Update(Span<float> value, ReadOnlySpan<float> gradient, TState state);
}
