using Hebb.Tensors;

namespace Hebb.Graph;

/// <summary>What computes a <see cref="GraphTensor"/> when a session runs it: its inputs, and the Hebb operation
/// that gives its value from theirs. Values are Hebb tensors made by Hebb's own operations, so the autodiff
/// tape records a training run as it records any other computation.</summary>
internal abstract class Operation(params GraphTensor[] inputs)
{
    public GraphTensor[] Inputs { get; } = inputs;

    /// <summary>The value of <paramref name="output"/> in <paramref name="run"/>, from its inputs' values there.</summary>
    public abstract Tensor Compute(SessionRun run, GraphTensor output);
}
