namespace Hebb.Activations;

/// <summary>ReLU(z) = max(0, z); its derivative is 1 for z &gt; 0, else 0 (0 at z = 0, as in PyTorch).
/// The gradient does not shrink as it passes through many layers.</summary>
public sealed class Relu : ElementwiseActivation
{
    public override string Name => "relu";
    public override float Value(float z) => z > 0f ? z : 0f;
    public override float Derivative(float z) => z > 0f ? 1f : 0f;

    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int rowLength) => TensorPrimitives.Max(z, 0f, a);

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int rowLength)
    {
        for (int i = 0; i < dz.Length; i++) dz[i] = z[i] > 0f ? da[i] : 0f;
    }
}
