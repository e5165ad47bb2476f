using Hebb.Data;
using Hebb.Tensors;

namespace Hebb.Tests.Data;

public sealed class BatchSamplerTests
{
    private static int[] EpochOrder(BatchSampler sampler)
    {
        sampler.StartEpoch();
        var order = new List<int>();
        for (int batch = 0; batch < sampler.BatchCount; batch++) order.AddRange(sampler.Batch(batch).ToArray());
        return order.ToArray();
    }

    [Fact]
    public void EveryEpochVisitsEveryIndexExactlyOnce()
    {
        var sampler = new BatchSampler(sampleCount: 103, batchSize: 10, new SeededRandom(1));

        for (int epoch = 0; epoch < 5; epoch++)
            Assert.Equal(Enumerable.Range(0, 103), EpochOrder(sampler).Order());
    }

    [Fact]
    public void LastBatchHoldsTheRemainder()
    {
        var sampler = new BatchSampler(sampleCount: 10, batchSize: 4, new SeededRandom(1));
        sampler.StartEpoch();

        Assert.Equal(3, sampler.BatchCount);
        Assert.Equal([4, 4, 2], Enumerable.Range(0, 3).Select(batch => sampler.Batch(batch).Length));
    }

    [Fact]
    public void SameSeedGivesTheSameOrder()
    {
        var first = new BatchSampler(50, 8, new SeededRandom(42));
        var second = new BatchSampler(50, 8, new SeededRandom(42));

        for (int epoch = 0; epoch < 3; epoch++) Assert.Equal(EpochOrder(first), EpochOrder(second));
    }

    [Fact]
    public void EachEpochHasANewOrder()
    {
        var sampler = new BatchSampler(50, 8, new SeededRandom(42));

        var firstEpoch = EpochOrder(sampler);
        var secondEpoch = EpochOrder(sampler);

        Assert.NotEqual(firstEpoch, secondEpoch);
        Assert.NotEqual(Enumerable.Range(0, 50), firstEpoch);
    }

    [Fact]
    public void WithoutShufflingTheOrderIsTheDatasetOrder()
    {
        var sampler = new BatchSampler(7, 3, new SeededRandom(42), shuffle: false);

        Assert.Equal(Enumerable.Range(0, 7), EpochOrder(sampler));
        Assert.Equal(Enumerable.Range(0, 7), EpochOrder(sampler));
    }

    [Fact]
    public void BatchLargerThanTheDatasetGivesOneBatch()
    {
        var sampler = new BatchSampler(5, 64, new SeededRandom(3));
        sampler.StartEpoch();

        Assert.Equal(1, sampler.BatchCount);
        Assert.Equal(5, sampler.Batch(0).Length);
    }

    [Fact]
    public void StartingAnEpochAllocatesNothing()
    {
        var sampler = new BatchSampler(1000, 32, new SeededRandom(3));
        sampler.StartEpoch();

        long before = GC.GetAllocatedBytesForCurrentThread();
        sampler.StartEpoch();
        _ = sampler.Batch(sampler.BatchCount - 1);

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(10, -5)]
    public void CountsBelowOneAreRejected(int sampleCount, int batchSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSampler(sampleCount, batchSize, new SeededRandom(0)));

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void BatchIndexOutsideTheEpochThrows(int batchIndex)
    {
        var sampler = new BatchSampler(10, 3, new SeededRandom(0));

        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Batch(batchIndex));
    }
}
