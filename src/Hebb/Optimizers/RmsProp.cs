using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>
/// RMSProp (Hinton's lecture 6e) as torch.optim.RMSprop: the gradient divided by the root of its squared moving
/// average, ε added after the root, optional momentum on the divided gradient and L2 weight decay. Defaults are
/// PyTorch's: α = 0.99, ε = 1e-8, no momentum, no decay.
/// </summary>
public sealed class RmsProp : Optimizer
{
    /// <summary>RMSProp over <paramref name="parameters"/>.</summary>
    public RmsProp(IEnumerable<Parameter> parameters, float learningRate = 0.01f, double alpha = 0.99, float epsilon = 1e-8f,
        float momentum = 0f, float weightDecay = 0f)
        : base(parameters, learningRate, momentum > 0f ? ["square_avg", "momentum_buffer"] : ["square_avg"])
    {
        Alpha = Hyperparameter.Fraction(alpha, nameof(alpha));
        Epsilon = Hyperparameter.Positive(epsilon, nameof(epsilon));
        Momentum = Hyperparameter.Fraction(momentum, nameof(momentum));
        WeightDecay = Hyperparameter.NonNegative(weightDecay, nameof(weightDecay));
    }

    /// <summary>Decay of the squared gradient's moving average (a double, as PyTorch's, so that 1 − α is taken from the value as written).</summary>
    public double Alpha { get; }

    /// <summary>Added to the root of the squared average, for stability.</summary>
    public float Epsilon { get; }

    /// <summary>μ of the momentum buffer on the divided gradient; 0: none.</summary>
    public float Momentum { get; }

    /// <summary>λ of the L2 term added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc />
    public override string Name => "rmsprop";

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, double>> UpdateSettings() =>
        [new("alpha", Alpha), new("eps", Epsilon), new("momentum", Momentum), new("weight_decay", WeightDecay)];

    /// <inheritdoc />
    protected override void Update(Span<float> value, ReadOnlySpan<float> gradient, float[][] buffers) =>
        ParameterUpdate.Run(new RmsPropUpdate(LearningRate, (float)Alpha, (float)(1 - Alpha), Epsilon, WeightDecay, Momentum),
            value, gradient, buffers[0], buffers.Length > 1 ? buffers[1] : default);
}
