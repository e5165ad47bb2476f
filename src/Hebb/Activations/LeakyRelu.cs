namespace Hebb.Activations;

/// <summary>Leaky ReLU: z for z &gt; 0, else slope·z (slope 0.01 as in PyTorch), so that no unit dies.</summary>
public sealed class LeakyRelu(float slope = 0.01f) : ElementwiseActivation
{
    /// <summary>The slope for z ≤ 0 (0.01 by default, PyTorch's <c>negative_slope</c>).</summary>
    public float Slope { get; } = slope;
    /// <inheritdoc/>
    public override string Name => "leaky_relu";
    /// <inheritdoc/>
    public override float Value(float z) => z > 0f ? z : Slope * z;
    /// <inheritdoc/>
    public override float Derivative(float z) => z > 0f ? 1f : Slope;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int rowLength)
    {
        for (int i = 0; i < a.Length; i++) a[i] = Value(z[i]);
    }

    // With a positive slope, a > 0 exactly where z > 0.
    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int rowLength)
    {
        for (int i = 0; i < dz.Length; i++) dz[i] = a[i] > 0f ? da[i] : Slope * da[i];
    }
}
