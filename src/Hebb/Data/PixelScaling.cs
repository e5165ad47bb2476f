using System.Runtime.CompilerServices;
using System.Numerics;

namespace Hebb.Data;

/// <summary>
/// Turns pixel bytes into floats on [0, 1]. It runs for every sample of every mini-batch, so it is vectorised;
/// it divides by 255 rather than multiplying by 1/255 so that each value equals the scalar <c>b / 255f</c>
/// exactly and 255 becomes exactly 1.
/// </summary>
internal static class PixelScaling
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToUnitInterval(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        if (destination.Length < pixels.Length)
            throw new ArgumentException(
                $"destination holds {destination.Length} floats, {pixels.Length} pixels need converting", nameof(destination));

        var divisor = new Vector<float>(255f);
        int i = 0;
        for (; i <= pixels.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            Vector.Widen(new Vector<byte>(pixels[i..]), out Vector<ushort> low, out Vector<ushort> high);
            StoreScaled(low, destination[i..], divisor);
            StoreScaled(high, destination[(i + Vector<ushort>.Count)..], divisor);
        }
        for (; i < pixels.Length; i++) destination[i] = pixels[i] / 255f;
    }

    private static void StoreScaled(Vector<ushort> values, Span<float> destination, Vector<float> divisor)
    {
        Vector.Widen(values, out Vector<uint> low, out Vector<uint> high);
        // Pixels fit in an int, and the signed conversion is the one CPUs do in a single instruction.
        (Vector.ConvertToSingle(Vector.AsVectorInt32(low)) / divisor).CopyTo(destination);
        (Vector.ConvertToSingle(Vector.AsVectorInt32(high)) / divisor).CopyTo(destination[Vector<int>.Count..]);
    }
}
