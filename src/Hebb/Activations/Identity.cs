using Hebb.Tensors;

namespace Hebb.Activations;

/// <summary>f(z) = z: no activation, as for the note's output logits.</summary>
public sealed class Identity : ElementwiseActivation
{
    /// <inheritdoc/>
    public override string Name => "identity";
    /// <inheritdoc/>
    public override float Value(float z) => z;
    /// <inheritdoc/>
    public override float Derivative(float z) => 1f;
    /// <inheritdoc/>
    public override Tensor Apply(Tensor z) => z;
    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int rowLength) => z.CopyTo(a);
    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int rowLength) => da.CopyTo(dz);

    /// <inheritdoc/>
    public override void ForwardWithBias(Span<float> rows, ReadOnlySpan<float> bias)
    {
        for (int start = 0; start < rows.Length; start += bias.Length)
            TensorPrimitives.Add(rows.Slice(start, bias.Length), bias, rows.Slice(start, bias.Length));
    }
}
