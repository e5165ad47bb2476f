using Hebb.Tensors;

namespace Hebb.Initializers;

/// <summary>He (Kaiming) normal: N(0, 2 / inputs), which keeps the variance of ReLU layers constant.</summary>
public sealed class HeNormal : Initializer
{
    /// <inheritdoc/>
    public override string Name => "he_normal";

    /// <inheritdoc/>
    public override Tensor Create(int inputs, int outputs, SeededRandom random) =>
        Tensor.RandomNormal(random, 0f, MathF.Sqrt(2f / inputs), inputs, outputs);
}
