using System.Numerics;

namespace Hebb.Classics;

/// <summary>
/// NumPy's legacy <c>RandomState(seed)</c>, as far as scikit-learn uses it to seed its shuffles: the Mersenne
/// Twister MT19937 seeded from an integer as NumPy seeds it, and <c>randint</c> drawn as NumPy draws it
/// (32-bit words, masked to the range and redrawn when above it). Reproducing it is what lets
/// <see cref="Perceptron"/> visit the samples in scikit-learn's order, and so learn its coefficients.
/// </summary>
internal sealed class NumPyRandomState
{
    private const int StateLength = 624;
    private const int Middle = 397;
    private readonly uint[] state = new uint[StateLength];
    private int position;

    public NumPyRandomState(uint seed)
    {
        state[0] = seed;
        for (int i = 1; i < StateLength; i++)
            state[i] = 1812433253u * (state[i - 1] ^ (state[i - 1] >> 30)) + (uint)i;
        position = StateLength;
    }

    public uint NextUInt32()
    {
        if (position == StateLength) Twist();
        uint y = state[position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        return y ^ (y >> 18);
    }

    /// <summary><c>randint(low, high)</c>: uniform on [low, high), for ranges of at most 2³² values.</summary>
    public long NextInt(long low, long high)
    {
        if (high <= low || high - low > 1L << 32)
            throw new ArgumentOutOfRangeException(nameof(high), $"randint needs low < high within 2^32 of each other, got [{low}, {high})");
        uint largest = (uint)(high - 1 - low);
        // NumPy draws nothing when there is one value to return; doing the same keeps the sequences in step.
        if (largest == 0) return low;
        uint mask = uint.MaxValue >> BitOperations.LeadingZeroCount(largest);
        uint draw;
        do draw = NextUInt32() & mask; while (draw > largest);
        return low + draw;
    }

    private void Twist()
    {
        const uint upper = 0x80000000u, lower = 0x7FFFFFFFu, matrix = 0x9908B0DFu;
        for (int i = 0; i < StateLength; i++)
        {
            uint y = (state[i] & upper) | (state[(i + 1) % StateLength] & lower);
            state[i] = state[(i + Middle) % StateLength] ^ (y >> 1) ^ ((y & 1u) == 0 ? 0u : matrix);
        }
        position = 0;
    }
}
