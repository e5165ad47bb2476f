using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>
/// Adagrad (Duchi et al.) as torch.optim.Adagrad: each value's step divided by the root of the sum of its squared
/// gradients so far, with L2 weight decay. Defaults are PyTorch's: ε = 1e-10, no decay, no rate decay, the sums
/// starting at zero.
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Adagrad over <paramref name="parameters"/>.</summary>
    public Adagrad(IEnumerable<Parameter> parameters, float learningRate = 0.01f, float epsilon = 1e-10f, float weightDecay = 0f)
        : base(parameters, learningRate, ["sum"])
    {
        Epsilon = Hyperparameter.Positive(epsilon, nameof(epsilon));
        WeightDecay = Hyperparameter.NonNegative(weightDecay, nameof(weightDecay));
    }

    /// <summary>Added to the root of the sum, for stability.</summary>
    public float Epsilon { get; }

    /// <summary>λ of the L2 term added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc />
    public override string Name => "adagrad";

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, double>> UpdateSettings() =>
        [new("eps", Epsilon), new("weight_decay", WeightDecay)];

    /// <inheritdoc />
    protected override void Update(Span<float> value, ReadOnlySpan<float> gradient, float[][] buffers) =>
        ParameterUpdate.Run(new AdagradUpdate(LearningRate, Epsilon, WeightDecay), value, gradient, buffers[0], default);
}
