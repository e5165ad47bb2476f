namespace Hebb.Activations;

/// <summary>softmax(z)_i = e^(z_i − max z) / Σ_j e^(z_j − max z) along the last axis; subtracting the
/// maximum keeps e^x finite for any logits. Backward: dz = a ⊙ (da − ⟨da, a⟩) per row.</summary>
public sealed class Softmax : Activation
{
    /// <inheritdoc/>
    public override string Name => "softmax";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int rowLength)
    {
        for (int start = 0; start < z.Length; start += rowLength)
            Row(z.Slice(start, rowLength), a.Slice(start, rowLength));
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int rowLength)
    {
        for (int start = 0; start < a.Length; start += rowLength)
        {
            var aRow = a.Slice(start, rowLength);
            float dot = TensorPrimitives.Dot(da.Slice(start, rowLength), aRow);
            var dzRow = dz.Slice(start, rowLength);
            TensorPrimitives.Subtract(da.Slice(start, rowLength), dot, dzRow);
            TensorPrimitives.Multiply(dzRow, aRow, dzRow);
        }
    }

    /// <summary>Softmax of one row, stable for any finite logits.</summary>
    // Plain loops rather than TensorPrimitives: rows are a model's classes, a few to a few hundred, where vectors gain
    // little, and TensorPrimitives' generic code is compiled at run time (it cannot be ahead of time, as it branches on
    // the machine's vector width): 20 ms of a one-shot 'hebb predict', which shows its probabilities.
    internal static void Row(ReadOnlySpan<float> z, Span<float> a)
    {
        if (z.Length == 0) return;
        float max = z[0];
        for (int i = 1; i < z.Length; i++) max = MathF.Max(max, z[i]);
        float sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            a[i] = MathF.Exp(z[i] - max);
            sum += a[i];
        }
        for (int i = 0; i < z.Length; i++) a[i] /= sum;
    }
}
