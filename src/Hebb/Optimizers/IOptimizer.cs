using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>What a training loop needs of an optimiser, whatever its per-parameter state.</summary>
public interface IOptimizer
{
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    void Step();

    /// <summary>Sets every parameter's gradient to zero before the next backward pass.</summary>
    void ZeroGrad();
}
