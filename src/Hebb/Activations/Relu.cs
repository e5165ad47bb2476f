using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hebb.Activations;

/// <summary>ReLU(z) = max(0, z); its derivative is 1 for z &gt; 0, else 0 (0 at z = 0, as in PyTorch).
/// The gradient does not shrink as it passes through many layers.</summary>
public sealed class Relu : ElementwiseActivation
{
    /// <inheritdoc/>
    public override string Name => "relu";
    /// <inheritdoc/>
    public override float Value(float z) => z > 0f ? z : 0f;
    /// <inheritdoc/>
    public override float Derivative(float z) => z > 0f ? 1f : 0f;

    /// <inheritdoc/>
    // A loop of our own rather than TensorPrimitives.Max, whose generic code cannot be compiled ahead of time (it is
    // another assembly's generic, instantiated here): it cost a one-shot 'hebb predict' several milliseconds of JIT.
    // Vector256.Max, like TensorPrimitives.Max, gives NaN for NaN and +0 for -0.
    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int rowLength)
    {
        if (a.Length < z.Length) throw new ArgumentException($"relu: {z.Length} inputs need as many outputs, found {a.Length}", nameof(a));
        ref float input = ref MemoryMarshal.GetReference(z);
        ref float output = ref MemoryMarshal.GetReference(a);
        int i = 0;
        for (; i + Vector256<float>.Count <= z.Length; i += Vector256<float>.Count)
            Vector256.Max(Vector256.LoadUnsafe(ref input, (nuint)i), Vector256<float>.Zero).StoreUnsafe(ref output, (nuint)i);
        for (; i < z.Length; i++) a[i] = MathF.Max(z[i], 0f);
    }

    /// <summary>max(row + bias, 0) in one vectorised pass per row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void ForwardWithBias(Span<float> rows, ReadOnlySpan<float> bias)
    {
        int width = bias.Length, vectorWidth = width - width % Vector<float>.Count;
        for (int start = 0; start < rows.Length; start += width)
        {
            var row = rows.Slice(start, width);
            int i = 0;
            for (; i < vectorWidth; i += Vector<float>.Count)
            {
                var sum = Vector.LoadUnsafe(ref row[i]) + Vector.LoadUnsafe(ref MemoryMarshal.GetReference(bias), (nuint)i);
                Vector.Max(sum, Vector<float>.Zero).StoreUnsafe(ref row[i]);
            }
            for (; i < width; i++) row[i] = Value(row[i] + bias[i]);
        }
    }

    // a > 0 exactly where z > 0.
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int rowLength)
    {
        int i = 0, vectorLength = a.Length - a.Length % Vector<float>.Count;
        for (; i < vectorLength; i += Vector<float>.Count)
        {
            var positive = Vector.GreaterThan(Vector.LoadUnsafe(ref MemoryMarshal.GetReference(a), (nuint)i), Vector<float>.Zero);
            Vector.ConditionalSelect(positive, Vector.LoadUnsafe(ref MemoryMarshal.GetReference(da), (nuint)i), Vector<float>.Zero)
                .StoreUnsafe(ref MemoryMarshal.GetReference(dz), (nuint)i);
        }
        for (; i < a.Length; i++) dz[i] = a[i] > 0f ? da[i] : 0f;
    }
}
