using Hebb.Optimizers;

namespace Hebb.Distributed;

/// <summary>How a <see cref="GradientExchange"/> sums the ranks' gradients: <see cref="SharedMemoryGradients"/> when every
/// rank runs on one host, <see cref="AllreduceBuckets"/> otherwise.</summary>
internal interface IGradientSum
{
    /// <summary>What the backward pass calls with each layer's index once that layer's gradients are complete, last layer
    /// first; null when the sum has nothing to do then.</summary>
    Action<int>? LayerDone { get; }

    /// <summary>Floats each rank contributes per step: every gradient and the loss.</summary>
    int Floats { get; }

    /// <summary>Whether the sum times its waiting for the other ranks apart from its summing (in barriers of its own);
    /// inside MPI's allreduces the two cannot be told apart.</summary>
    bool TimesWaiting { get; }

    /// <summary>Once every gradient of the step is computed: replaces each parameter's gradient with its sum over the ranks
    /// and returns the sum of <paramref name="loss"/> over them.</summary>
    float Run(float loss);

    /// <summary>As <see cref="Run"/>, then <paramref name="optimizer"/>'s step from the sums (which the parameters' gradients
    /// then may or may not hold).</summary>
    float Step(float loss, IOptimizer optimizer);
}
