using Hebb.Tensors;

namespace Hebb.Initializers;

/// <summary>All zeros: right for biases, wrong for weights of hidden layers (every unit would stay alike).</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc/>
    public override string Name => "zeros";

    /// <inheritdoc/>
    public override Tensor Create(int inputs, int outputs, SeededRandom random) => Tensor.Zeros(inputs, outputs);
}
