using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>
/// Adam (Kingma and Ba) as torch.optim.Adam: bias-corrected moving averages of the gradient and of its square, and
/// weight decay as an L2 term added to the gradient (for decay apart from the gradient, <see cref="AdamW"/>).
/// Defaults are PyTorch's: β = (0.9, 0.999), ε = 1e-8, no decay.
/// </summary>
public sealed class Adam(IEnumerable<Parameter> parameters, float learningRate = 1e-3f, double beta1 = 0.9, double beta2 = 0.999,
    float epsilon = 1e-8f, float weightDecay = 0f) : Optimizer(parameters, learningRate, ["exp_avg", "exp_avg_sq"])
{
    /// <summary>β₁, β₂, ε and λ, checked.</summary>
    public AdamSettings Hyperparameters { get; } = new(beta1, beta2, epsilon, weightDecay);

    /// <inheritdoc />
    public override string Name => "adam";

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, double>> UpdateSettings() => Hyperparameters.Entries();

    /// <inheritdoc />
    protected override void Update(Span<float> value, ReadOnlySpan<float> gradient, float[][] buffers) =>
        ParameterUpdate.Run(AdamUpdate.At(StepCount, LearningRate, Hyperparameters, decoupled: false),
            value, gradient, buffers[0], buffers[1]);
}
