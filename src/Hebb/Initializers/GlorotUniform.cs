using Hebb.Tensors;

namespace Hebb.Initializers;

/// <summary>Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (inputs + outputs)), for tanh and sigmoid layers.</summary>
public sealed class GlorotUniform : Initializer
{
    /// <inheritdoc/>
    public override string Name => "glorot_uniform";

    /// <inheritdoc/>
    public override Tensor Create(int inputs, int outputs, SeededRandom random)
    {
        float limit = MathF.Sqrt(6f / (inputs + outputs));
        return Tensor.RandomUniform(random, -limit, limit, inputs, outputs);
    }
}
