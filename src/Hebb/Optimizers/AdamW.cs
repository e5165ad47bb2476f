using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>
/// AdamW (Loshchilov and Hutter) as torch.optim.AdamW: Adam with the weight decay taken apart from the gradient,
/// p ← p·(1 − η·λ) before each step. Defaults are PyTorch's: β = (0.9, 0.999), ε = 1e-8, λ = 0.01.
/// </summary>
public sealed class AdamW(IEnumerable<Parameter> parameters, float learningRate = 1e-3f, double beta1 = 0.9, double beta2 = 0.999,
    float epsilon = 1e-8f, float weightDecay = 0.01f) : Optimizer(parameters, learningRate, ["exp_avg", "exp_avg_sq"])
{
    /// <summary>β₁, β₂, ε and λ, checked.</summary>
    public AdamSettings Hyperparameters { get; } = new(beta1, beta2, epsilon, weightDecay);

    /// <inheritdoc />
    public override string Name => "adamw";

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, double>> UpdateSettings() => Hyperparameters.Entries();

    /// <inheritdoc />
    protected override void Update(Span<float> value, ReadOnlySpan<float> gradient, float[][] buffers) =>
        ParameterUpdate.Run(AdamUpdate.At(StepCount, LearningRate, Hyperparameters, decoupled: true),
            value, gradient, buffers[0], buffers[1]);
}
