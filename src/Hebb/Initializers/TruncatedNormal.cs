using Hebb.Tensors;

namespace Hebb.Initializers;

/// <summary>The note's initialiser: normal with stddev 2/√inputs, draws beyond two stddev redrawn
/// ("research shows training is faster with this stddev"; truncation keeps out extreme weights).</summary>
public sealed class TruncatedNormal : Initializer
{
    /// <inheritdoc/>
    public override string Name => "truncated_normal";

    /// <inheritdoc/>
    public override Tensor Create(int inputs, int outputs, SeededRandom random) =>
        Tensor.TruncatedNormal(random, 0f, 2f / MathF.Sqrt(inputs), inputs, outputs);
}
