using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>
/// Stochastic gradient descent, p ← p − η·g — the note's <c>GradientDescentOptimizer</c> — with PyTorch's
/// <c>torch.optim.SGD</c> options: weight decay λ adds λ·p to the gradient; momentum μ keeps a buffer
/// b ← μ·b + (1 − dampening)·g (b = g on the first step) and steps along b, or along g + μ·b with Nesterov.
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>SGD over <paramref name="parameters"/>; the defaults are PyTorch's (no momentum, no dampening, no decay).</summary>
    public Sgd(IEnumerable<Parameter> parameters, float learningRate, float momentum = 0f, float dampening = 0f,
        bool nesterov = false, float weightDecay = 0f)
        : base(parameters, learningRate, momentum > 0f ? ["momentum_buffer"] : [])
    {
        Momentum = Hyperparameter.Fraction(momentum, nameof(momentum));
        Dampening = Hyperparameter.Fraction(dampening, nameof(dampening));
        if (nesterov && (momentum == 0f || dampening != 0f))
            throw new ArgumentException("Nesterov momentum needs a momentum above 0 and no dampening", nameof(nesterov));
        Nesterov = nesterov;
        WeightDecay = Hyperparameter.NonNegative(weightDecay, nameof(weightDecay));
    }

    /// <summary>μ, the momentum buffer's decay; 0: none.</summary>
    public float Momentum { get; }

    /// <summary>The share of the gradient kept out of the momentum buffer.</summary>
    public float Dampening { get; }

    /// <summary>Whether the step looks ahead along the momentum buffer (Sutskever et al.'s form, as PyTorch).</summary>
    public bool Nesterov { get; }

    /// <summary>λ of the L2 penalty added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>Plain SGD, which the training step fuses into the backward pass.</summary>
    internal bool IsPlain => Momentum == 0f && WeightDecay == 0f && ClipNorm is null && ClipValue is null;

    /// <inheritdoc />
    public override string Name => Nesterov ? "nesterov" : Momentum > 0f ? "momentum" : "sgd";

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, double>> UpdateSettings() =>
    [
        new("momentum", Momentum), new("dampening", Dampening), new("nesterov", Nesterov ? 1 : 0), new("weight_decay", WeightDecay),
    ];

    /// <inheritdoc />
    protected override void Update(Span<float> value, ReadOnlySpan<float> gradient, float[][] buffers)
    {
        bool first = StepCount == 1;
        var update = new SgdUpdate(LearningRate, WeightDecay, Momentum, first ? 0f : Momentum, first ? 1f : 1f - Dampening, Nesterov);
        ParameterUpdate.Run(update, value, gradient, buffers.Length > 0 ? buffers[0] : default, default);
    }
}
