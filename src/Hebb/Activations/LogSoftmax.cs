namespace Hebb.Activations;

/// <summary>log softmax(z) = z − max z − log Σ e^(z − max z) along the last axis, computed without ever
/// forming e^z. Backward: dz = da − softmax(z) · Σ da per row, with softmax = e^a.</summary>
public sealed class LogSoftmax : Activation
{
    /// <inheritdoc/>
    public override string Name => "log_softmax";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int rowLength)
    {
        for (int start = 0; start < z.Length; start += rowLength)
        {
            var zRow = z.Slice(start, rowLength);
            var aRow = a.Slice(start, rowLength);
            float logSum = ShiftedLogSumExp(zRow, out float max);
            // (z − max) is exact near the maximum; subtracting max + logSum in one go would round it.
            TensorPrimitives.Subtract(zRow, max, aRow);
            TensorPrimitives.Subtract(aRow, logSum, aRow);
        }
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int rowLength)
    {
        for (int start = 0; start < a.Length; start += rowLength)
        {
            // The sum is taken before dz is written: dz may be da itself.
            float sum = TensorPrimitives.Sum(da.Slice(start, rowLength));
            for (int i = start; i < start + rowLength; i++) dz[i] = da[i] - MathF.Exp(a[i]) * sum;
        }
    }

    /// <summary>log Σ e^(z − max z), with max z in <paramref name="max"/>: log Σ e^z without overflow.</summary>
    internal static float ShiftedLogSumExp(ReadOnlySpan<float> z, out float max)
    {
        max = TensorPrimitives.Max(z);
        double sum = 0;
        foreach (var value in z) sum += MathF.Exp(value - max);
        return (float)Math.Log(sum);
    }
}
