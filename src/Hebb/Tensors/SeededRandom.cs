namespace Hebb.Tensors;

/// <summary>
/// A seeded xoshiro256** generator. Hebb uses its own generator rather than <see cref="Random"/> so that
/// the same seed gives the same weights and batch order on every .NET version and platform.
/// </summary>
public sealed class SeededRandom
{
    private ulong s0, s1, s2, s3;
    private double? spareNormal;

    /// <summary>A generator whose whole sequence is fixed by <paramref name="seed"/>; any value, 0 included, is a good seed.</summary>
    public SeededRandom(ulong seed)
    {
        // SplitMix64 spreads any seed, 0 included, over the four words of state.
        ulong state = seed;
        s0 = SplitMix64(ref state);
        s1 = SplitMix64(ref state);
        s2 = SplitMix64(ref state);
        s3 = SplitMix64(ref state);
    }

    /// <summary>The next 64 random bits, every value equally likely; each other draw is made from these.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer on [0, bound), without modulo bias.</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), $"bound must be positive, got {bound}");
        ulong limit = ulong.MaxValue - ulong.MaxValue % (ulong)bound;
        ulong draw;
        do draw = NextUInt64(); while (draw >= limit);
        return (int)(draw % (ulong)bound);
    }

    /// <summary>Standard normal draw (Box–Muller; the second value of each pair is kept for the next call).</summary>
    public double NextNormal()
    {
        if (spareNormal is double spare)
        {
            spareNormal = null;
            return spare;
        }
        double u1;
        do u1 = NextDouble(); while (u1 <= double.Epsilon);
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        spareNormal = radius * Math.Sin(2.0 * Math.PI * u2);
        return radius * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Standard normal draw redrawn until it lies within two standard deviations.</summary>
    public double NextTruncatedNormal()
    {
        double draw;
        do draw = NextNormal(); while (Math.Abs(draw) > 2.0);
        return draw;
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Everything the next draws depend on: the four words of xoshiro256** and the normal draw kept back for
    /// the next <see cref="NextNormal"/>, if any.</summary>
    /// <param name="S0">The first word of the state.</param>
    /// <param name="S1">The second word.</param>
    /// <param name="S2">The third word.</param>
    /// <param name="S3">The fourth word.</param>
    /// <param name="SpareNormal">The second value of the last Box–Muller pair, not handed out yet; null when none is kept.</param>
    public readonly record struct State(ulong S0, ulong S1, ulong S2, ulong S3, double? SpareNormal);

    /// <summary>A copy of the generator's state, to go on later exactly where it is now (see <see cref="LoadState"/>).</summary>
    public State SaveState() => new(s0, s1, s2, s3, spareNormal);

    /// <summary>Puts back a state from <see cref="SaveState"/>: the draws that follow are the ones that followed then.</summary>
    /// <exception cref="ArgumentException">All four words are zero, which xoshiro256** never reaches.</exception>
    public void LoadState(State state)
    {
        if ((state.S0 | state.S1 | state.S2 | state.S3) == 0)
            throw new ArgumentException("a xoshiro256** state of four zero words is never reached and would draw zeros forever", nameof(state));
        (s0, s1, s2, s3, spareNormal) = (state.S0, state.S1, state.S2, state.S3, state.SpareNormal);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
