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

    public int SampleCount => order.Length;
    public int BatchSize { get; }

    /// <summary>Batches per epoch; the last one is smaller when the sample count is not a multiple of the batch size.</summary>
    public int BatchCount => (order.Length + BatchSize - 1) / BatchSize;

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
