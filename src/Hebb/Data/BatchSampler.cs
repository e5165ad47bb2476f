using Hebb.Tensors;

namespace Hebb.Data;

/// <summary>
/// Deals the sample indices of an epoch out in mini-batches. One permutation is kept and reshuffled in place
/// at each <see cref="StartEpoch"/>, so a training run allocates nothing per epoch or per batch, and the
/// same seed gives the same batches on every machine.
/// </summary>
public sealed class BatchSampler
{
    private readonly int[] order;
    private readonly SeededRandom random;
    private readonly bool shuffle;

    /// <summary>Samples dealt per epoch, each exactly once.</summary>
    public int SampleCount => order.Length;
    /// <summary>Samples per batch, but for a smaller last one.</summary>
    public int BatchSize { get; }

    /// <summary>Batches per epoch; the last one is smaller when the sample count is not a multiple of the batch size.</summary>
    public int BatchCount => (order.Length + BatchSize - 1) / BatchSize;

    /// <summary>A sampler over the indices 0 to <paramref name="sampleCount"/> − 1 that draws each epoch's order from
    /// <paramref name="random"/>, or keeps them in order when <paramref name="shuffle"/> is false.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count or batch size below 1.</exception>
    public BatchSampler(int sampleCount, int batchSize, SeededRandom random, bool shuffle = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentNullException.ThrowIfNull(random);
        order = new int[sampleCount];
        for (int i = 0; i < sampleCount; i++) order[i] = i;
        BatchSize = batchSize;
        this.random = random;
        this.shuffle = shuffle;
    }

    /// <summary>Call before every epoch, the first included: it draws the epoch's order when shuffling.</summary>
    public void StartEpoch()
    {
        if (shuffle) random.Shuffle(order.AsSpan());
    }

    /// <summary>The sample indices of batch <paramref name="batchIndex"/> of the current epoch.</summary>
    public ReadOnlySpan<int> Batch(int batchIndex)
    {
        if ((uint)batchIndex >= (uint)BatchCount)
            throw new ArgumentOutOfRangeException(
                nameof(batchIndex), $"batch {batchIndex} is outside 0..{BatchCount - 1}");
        int start = batchIndex * BatchSize;
        return order.AsSpan(start, Math.Min(BatchSize, order.Length - start));
    }
}
