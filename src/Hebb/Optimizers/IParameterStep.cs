using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>An optimiser's step taken piece by piece inside the backward pass: a layer hands over each range of a
/// parameter's gradient as soon as it is computed, so that the gradient is used while it is still in cache and
/// never has to be kept whole (<see cref="LayerKernels.BackwardWithUpdate"/>).</summary>
internal interface IParameterStep
{
    /// <summary>Updates the values of <paramref name="parameter"/> from <paramref name="start"/>, as many as
    /// <paramref name="gradient"/> holds, from that gradient.</summary>
    void Update(Parameter parameter, int start, ReadOnlySpan<float> gradient);
}
