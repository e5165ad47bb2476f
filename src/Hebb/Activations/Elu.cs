namespace Hebb.Activations;

/// <summary>ELU: z for z &gt; 0, else α(e^z − 1) (α = 1); its derivative there is α·e^z = a + α.</summary>
public sealed class Elu(float alpha = 1f) : ElementwiseActivation
{
    /// <summary>α: the value −α that the function approaches as z → −∞ (1 by default, as in PyTorch).</summary>
    public float Alpha { get; } = alpha;
    /// <inheritdoc/>
    public override string Name => "elu";
    /// <inheritdoc/>
    public override float Value(float z) => z > 0f ? z : Alpha * (MathF.Exp(z) - 1f);
    /// <inheritdoc/>
    public override float Derivative(float z) => z > 0f ? 1f : Alpha * MathF.Exp(z);

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int rowLength)
    {
        for (int i = 0; i < a.Length; i++) a[i] = Value(z[i]);
    }

    // a > 0 exactly where z > 0; elsewhere α·e^z = a + α.
    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int rowLength)
    {
        for (int i = 0; i < dz.Length; i++) dz[i] = a[i] > 0f ? da[i] : da[i] * (a[i] + Alpha);
    }
}
