namespace Hebb.Activations;

/// <summary>The logistic function σ(z) = 1 / (1 + e^−z), σ' = σ(1 − σ). It saturates (σ' → 0) for large |z|.</summary>
public sealed class Sigmoid : ElementwiseActivation
{
    /// <inheritdoc/>
    public override string Name => "sigmoid";

    // Both branches evaluate e^−|z|, which cannot overflow, so large |z| gives 0 or 1, never NaN.
    /// <inheritdoc/>
    public override float Value(float z)
    {
        float e = MathF.Exp(-MathF.Abs(z));
        return z >= 0f ? 1f / (1f + e) : e / (1f + e);
    }

    /// <inheritdoc/>
    public override float Derivative(float z)
    {
        float s = Value(z);
        return s * (1f - s);
    }

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int rowLength) => TensorPrimitives.Sigmoid(z, a);

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int rowLength)
    {
        for (int i = 0; i < dz.Length; i++) dz[i] = da[i] * a[i] * (1f - a[i]);
    }
}
