using Hebb.Activations;
using Hebb.Data;
using Hebb.Distributed;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Optimizers;
using Hebb.Training;

namespace Hebb.Tests.Distributed;

/// <summary>
/// The sum through shared memory, with ranks that are threads of this process: every rank gets the slots' sum in rank
/// order, bit for bit, whichever rank summed which elements, sum after sum; and the gradient exchange over it gives every
/// rank the gradient one process computes on the whole batch, or the optimiser's step from it read where it was summed.
/// </summary>
public sealed class SharedSumTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 1001)]
    [InlineData(3, 37)]
    [InlineData(4, 266_611)]
    public void Every_rank_reads_the_sum_of_the_slots_in_rank_order(int ranks, int length)
    {
        // Rank r's element i: large values of alternating sign and small ones, so that another order of the additions
        // would round to other floats.
        static float Value(int rank, int i, int sum) => rank % 2 == 0 ? 1e7f * (1 + (i + sum) % 3) : 0.37f * (rank + 1) + i % 7 - 1e7f * (rank % 3);
        var results = ThreadRanks.Run(ranks, group =>
        {
            var shared = new SharedSum(group.MapShared(SharedSum.SegmentFloats(ranks, length))!, group.Rank, ranks, length);
            var sums = new List<float[]>();
            for (int sum = 0; sum < 3; sum++)
            {
                for (int i = 0; i < length; i++) shared.Own[i] = Value(group.Rank, i, sum);
                shared.Run();
                sums.Add(shared.Result.ToArray());
            }
            return sums;
        });
        for (int sum = 0; sum < 3; sum++)
        {
            var expected = new float[length];
            for (int i = 0; i < length; i++)
            {
                float total = Value(0, i, sum);
                for (int rank = 1; rank < ranks; rank++) total += Value(rank, i, sum);
                expected[i] = total;
            }
            for (int rank = 0; rank < ranks; rank++)
                Assert.True(expected.AsSpan().SequenceEqual(results[rank][sum]), $"rank {rank}, sum {sum}");
        }
    }

    [Fact]
    public void A_segment_too_small_for_the_slots_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SharedSum(new ThreadRanks.Segment(new float[100]), 0, 2, 40));
        Assert.StartsWith("a segment of 100 floats cannot hold 2 slots and the sum of 40", error.Message);
    }

    [Fact]
    public void Two_thread_ranks_exchange_the_gradient_of_the_whole_batch()
    {
        var train = MnistData.LoadBuiltInSample().Train.Slice(0, 45);
        var targets = new BatchTargets(train.LabelArray(0, 45), default);
        Sequential Model() => Mlp.Create(784, [32], 10, Activation.Relu, seed: 7);
        var alone = Model();
        float expectedLoss = TrainingStep.For(alone, 45)!.Run(train.Features(0, 45).Data, 45, TrainingLoss.SoftmaxCrossEntropy, targets);

        var ranks = ThreadRanks.Run(2, group =>
        {
            var model = Model();
            var exchange = new GradientExchange(group, model);
            Assert.IsType<SharedMemoryGradients>(exchange.Sum);
            var (start, count) = exchange.Share(45);
            exchange.Begin(count, 45);
            var share = train.Slice(start, count);
            float loss = TrainingStep.For(model, count)!.Run(share.Features(0, count).Data, count, TrainingLoss.SoftmaxCrossEntropy,
                new BatchTargets(share.LabelArray(0, count), default), exchange.LayerDoneCallback, exchange.GradientScale);
            return (Loss: exchange.Finish(loss), Gradients: model.Parameters.Select(parameter => parameter.Value.GradData().ToArray()).ToArray(),
                exchange.FloatsPerStep);
        });

        // Every gradient and the loss.
        Assert.Equal(784 * 32 + 32 + 32 * 10 + 10 + 1, ranks[0].FloatsPerStep);
        for (int p = 0; p < alone.Parameters.Count; p++)
        {
            Assert.True(ranks[0].Gradients[p].AsSpan().SequenceEqual(ranks[1].Gradients[p]), $"{alone.Parameters[p].Name} differs between the ranks");
            var expected = alone.Parameters[p].Value.GradData();
            double difference = Math.Sqrt(expected.Zip(ranks[0].Gradients[p], (a, b) => (double)(a - b) * (a - b)).Sum());
            double norm = Math.Sqrt(expected.Sum(a => (double)a * a));
            Assert.True(difference <= 1e-5 * norm, $"{alone.Parameters[p].Name}: relative error {difference / norm}");
        }
        Assert.Equal(ranks[0].Loss, ranks[1].Loss);
        Assert.Equal(expectedLoss, ranks[0].Loss, 1e-5f);
    }

    [Fact]
    public void The_optimizer_steps_from_the_sums_where_the_ranks_summed_them()
    {
        var train = MnistData.LoadBuiltInSample().Train.Slice(0, 45);
        Sequential Model() => Mlp.Create(784, [32], 10, Activation.Relu, seed: 7);
        var alone = Model();
        TrainingStep.For(alone, 45)!.Run(train.Features(0, 45).Data, 45, TrainingLoss.SoftmaxCrossEntropy, new BatchTargets(train.LabelArray(0, 45), default));
        new Adam(alone.Parameters, 0.01f).Step();

        var ranks = ThreadRanks.Run(2, group =>
        {
            var model = Model();
            var optimizer = new Adam(model.Parameters, 0.01f);
            var exchange = new GradientExchange(group, model);
            var (start, count) = exchange.Share(45);
            exchange.Begin(count, 45);
            var share = train.Slice(start, count);
            float loss = TrainingStep.For(model, count)!.Run(share.Features(0, count).Data, count, TrainingLoss.SoftmaxCrossEntropy,
                new BatchTargets(share.LabelArray(0, count), default), exchange.LayerDoneCallback, exchange.GradientScale);
            exchange.Step(loss, optimizer);
            Assert.Equal(1, optimizer.StepCount);
            return (Weights: model.Parameters.Select(parameter => parameter.Value.Data.ToArray()).ToArray(),
                Gradients: model.Parameters.Select(parameter => parameter.Value.GradData().ToArray()).ToArray());
        });

        for (int p = 0; p < alone.Parameters.Count; p++)
        {
            string name = alone.Parameters[p].Name;
            Assert.True(ranks[0].Weights[p].AsSpan().SequenceEqual(ranks[1].Weights[p]), $"{name} differs between the ranks");
            var expected = alone.Parameters[p].Value.Data.ToArray();
            double difference = Math.Sqrt(expected.Zip(ranks[0].Weights[p], (a, b) => (double)(a - b) * (a - b)).Sum());
            double norm = Math.Sqrt(expected.Sum(a => (double)a * a));
            Assert.True(difference <= 1e-5 * norm, $"{name}: relative error {difference / norm}");
            // Not copied back: each rank's gradient is still its own share's.
            Assert.False(ranks[0].Gradients[p].AsSpan().SequenceEqual(ranks[1].Gradients[p]), $"{name}: the sums were copied back");
        }
    }
}
