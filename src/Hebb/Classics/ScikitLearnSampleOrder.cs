namespace Hebb.Classics;

/// <summary>
/// The order in which scikit-learn's SGD, and so its <c>Perceptron</c>, visits the samples. Each binary
/// problem gets a shuffle seed drawn from NumPy's <c>RandomState(random_state)</c>; every epoch that same seed
/// drives a xorshift Fisher–Yates pass over the order the epoch before left behind.
/// </summary>
internal sealed class ScikitLearnSampleOrder
{
    // scikit-learn's MAX_INT, np.iinfo(np.int32).max: seeds are drawn below it.
    private const long MaxInt = int.MaxValue;

    private readonly int[] order;
    private readonly uint? shuffleSeed;

    /// <summary>Visits samples 0..count−1 in that order every epoch when <paramref name="shuffleSeed"/> is null.</summary>
    public ScikitLearnSampleOrder(int count, uint? shuffleSeed)
    {
        order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        this.shuffleSeed = shuffleSeed;
    }

    /// <summary>The samples of the next epoch, in the order to visit them.</summary>
    public ReadOnlySpan<int> NextEpoch()
    {
        if (shuffleSeed is uint seed)
        {
            // The seed is passed by value in scikit-learn, so each epoch's pass starts from the same seed.
            for (int i = 0; i < order.Length - 1; i++)
            {
                int j = i + (int)(NextXorShift(ref seed) % (uint)(order.Length - i));
                (order[i], order[j]) = (order[j], order[i]);
            }
        }
        return order;
    }

    /// <summary>
    /// The shuffle seed of each of <paramref name="problems"/> binary problems, as scikit-learn draws them:
    /// one problem draws from <c>RandomState(randomState)</c> itself; several (one-vs-rest) first draw a seed
    /// per problem, and each problem then draws from its own <c>RandomState</c>.
    /// </summary>
    public static uint[] ShuffleSeeds(uint randomState, int problems)
    {
        if (problems == 1) return [ShuffleSeed(new NumPyRandomState(randomState))];
        var perProblem = new NumPyRandomState(randomState);
        var problemSeeds = new uint[problems];
        for (int i = 0; i < problems; i++) problemSeeds[i] = (uint)perProblem.NextInt(0, MaxInt);
        return problemSeeds.Select(seed => ShuffleSeed(new NumPyRandomState(seed))).ToArray();
    }

    private static uint ShuffleSeed(NumPyRandomState random)
    {
        // make_dataset draws its dataset's seed first (unused by the shuffle); the shuffle seed comes next.
        random.NextInt(1, MaxInt);
        return (uint)random.NextInt(0, MaxInt);
    }

    /// <summary>scikit-learn's <c>our_rand_r</c>: a 32-bit xorshift, taken modulo 2³¹.</summary>
    private static uint NextXorShift(ref uint seed)
    {
        if (seed == 0) seed = 1;
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        return seed % (1u << 31);
    }
}
