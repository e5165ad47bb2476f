namespace Hebb.Activations;

/// <summary>
/// The perceptron's step: f(z) = 1 if z ≥ 0, else 0. Its derivative is zero everywhere except at 0,
/// where it does not exist; Hebb uses zero there too, so no gradient flows through a step — which is
/// why backpropagation replaced it by smooth activations.
/// </summary>
public sealed class Heaviside : ElementwiseActivation
{
    /// <inheritdoc/>
    public override string Name => "heaviside";
    /// <inheritdoc/>
    public override float Value(float z) => z >= 0f ? 1f : 0f;
    /// <inheritdoc/>
    public override float Derivative(float z) => 0f;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int rowLength)
    {
        for (int i = 0; i < z.Length; i++) a[i] = Value(z[i]);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int rowLength) =>
        dz.Clear();
}
