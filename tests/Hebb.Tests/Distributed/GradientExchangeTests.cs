using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hebb.Activations;
using Hebb.Data;
using Hebb.Distributed;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Training;

namespace Hebb.Tests.Distributed;

/// <summary>
/// The gradient exchange's buckets on the note's network, in this process against a process group of one rank that
/// records what it is asked: the last layers' bucket is started during the backward pass, before the first layer's
/// gradient exists, the first layer's are summed after it (its weights in their own gradient array), and the sums come
/// back as the gradients bit for bit.
/// </summary>
public sealed class GradientExchangeTests
{
    private static readonly ImageDataset Train = MnistData.LoadBuiltInSample().Train.Slice(0, 50);

    [Fact]
    public void The_last_layers_are_sent_while_the_first_layers_backward_is_still_to_run()
    {
        var model = Mlp.Create(784, [300, 100], 10, Activation.Relu, seed: 42);
        var group = new RecordingGroup(model.Parameters[0]);
        var exchange = new GradientExchange(group, model);
        // outputs (100x10 + 10) and hidden2 (300x100 + 100) copied together; hidden1's weights (784x300) in place; its
        // biases (300) copied, with the loss.
        Assert.Equal([1010 + 30100, 235200, 300 + 1], Assert.IsType<AllreduceBuckets>(exchange.Sum).BucketLengths);

        exchange.Begin(50, 50);
        float loss = Run(model, exchange.LayerDoneCallback);
        Assert.Equal(loss, exchange.Finish(loss));

        Assert.Equal([31110], group.Started.Select(started => started.Length));
        Assert.True(group.Started[0].FirstLayerGradientWasZero, "the last layers' bucket was started after the first layer's backward pass");
        Assert.Equal([(235200, true), (301, false)], group.Summed);
        Assert.True(group.ProgressCalls > 0);
        Assert.Equal(1, group.WaitCalls);

        // One rank's sums are its values: the gradients are the step's own, bit for bit.
        var alone = Mlp.Create(784, [300, 100], 10, Activation.Relu, seed: 42);
        Assert.Equal(loss, Run(alone, null));
        foreach (var (exchanged, own) in model.Parameters.Zip(alone.Parameters))
            Assert.True(exchanged.Value.GradData().AsSpan().SequenceEqual(own.Value.GradData()), exchanged.Name);
    }

    private static float Run(Sequential model, Action<int>? layerDone) =>
        TrainingStep.For(model, 50)!.Run(Train.Features(0, 50).Data, 50, TrainingLoss.SoftmaxCrossEntropy,
            new BatchTargets(Train.LabelArray(0, 50), default), layerDone);

    /// <summary>One rank, which sums nothing and records each call (whether <paramref name="firstLayer"/>'s gradient was
    /// still all zero when a sum was started, whether a blocking sum was given that gradient's own array).</summary>
    private sealed class RecordingGroup(Parameter firstLayer) : IProcessGroup
    {
        public List<(int Length, bool FirstLayerGradientWasZero)> Started { get; } = [];
        public int ProgressCalls { get; private set; }
        public int WaitCalls { get; private set; }
        public int Rank => 0;
        public int Size => 1;
        public void StartSum(float[] values) => Started.Add((values.Length, !firstLayer.Value.GradData().AsSpan().ContainsAnyExcept(0f)));
        public void Progress() => ProgressCalls++;
        public void WaitAll() => WaitCalls++;
        public List<(int Length, bool InFirstLayerGradient)> Summed { get; } = [];
        public void SumInPlace(Span<float> values) =>
            Summed.Add((values.Length, Unsafe.AreSame(ref MemoryMarshal.GetReference(values), ref firstLayer.Value.GradData()[0])));
        public void Broadcast(Span<float> values, int root = 0) { }
        public void Gather(ReadOnlySpan<double> values, Span<double> gathered, int root = 0) => values.CopyTo(gathered);
        public void Barrier() { }
        public void Abort(int exitCode) => throw new InvalidOperationException($"aborted with {exitCode}");
    }
}
