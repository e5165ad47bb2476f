using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Optimizers;
using Hebb.Tensors;
using Hebb.Training;

namespace Hebb.Tests.Training;

/// <summary>The allocation-free training step against the autodiff graph, and its allocations.</summary>
[Collection(RunsAloneCollection.Name)]
public class TrainingStepTests
{
    private static readonly ImageDataset Train = MnistData.LoadBuiltInSample().Train.Slice(0, 600);

    [Theory]
    [InlineData("relu")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("elu")]
    [InlineData("leaky_relu")]
    public void TheDenseStepGivesTheGraphsNumbersBitForBit(string activation) =>
        AssertTheStepGivesTheGraphsNumbers(Mlp.Create(784, [64, 32], 10, Activation.Parse(activation), seed: 3),
            Mlp.Create(784, [64, 32], 10, Activation.Parse(activation), seed: 3));

    [Theory]
    [InlineData(0.3f, false)]
    [InlineData(0f, true)]
    [InlineData(0.2f, true)]
    public void WithDropoutAndBatchNormTheStepGivesTheGraphsNumbersBitForBit(float dropout, bool batchNorm) =>
        AssertTheStepGivesTheGraphsNumbers(Mlp.Create(784, [64, 32], 10, Activation.Relu, seed: 3, dropout: dropout, batchNorm: batchNorm),
            Mlp.Create(784, [64, 32], 10, Activation.Relu, seed: 3, dropout: dropout, batchNorm: batchNorm));

    private static void AssertTheStepGivesTheGraphsNumbers(Sequential fast, Sequential graph)
    {
        var step = TrainingStep.For(fast, 50)!;
        var fastOptimizer = new Sgd(fast.Parameters, 0.05f);
        var graphOptimizer = new Sgd(graph.Parameters, 0.05f);
        for (int batch = 0; batch < 10; batch++)
        {
            var inputs = Train.Features(batch * 50, 50);
            var labels = Train.LabelArray(batch * 50, 50);
            float fastLoss = step.Run(inputs.Data, labels);
            fastOptimizer.Step();

            var graphLoss = Loss.SoftmaxCrossEntropy(graph.Forward(inputs), labels);
            graphOptimizer.ZeroGrad();
            graphLoss.Backward();
            graphOptimizer.Step();

            Assert.Equal(graphLoss.Data[0], fastLoss);
        }
        for (int i = 0; i < fast.Parameters.Count; i++)
            Assert.Equal(graph.Parameters[i].Value.Data, fast.Parameters[i].Value.Data);
        for (int i = 0; i < fast.Buffers.Count; i++)
            Assert.Equal(graph.Buffers[i].Value.Data, fast.Buffers[i].Value.Data);
    }

    [Fact]
    public void TheFusedSgdUpdateMatchesGradientThenStep()
    {
        var fused = Mlp.Create(784, [64, 32], 10, Activation.Relu, seed: 5);
        var separate = Mlp.Create(784, [64, 32], 10, Activation.Relu, seed: 5);
        var fusedStep = TrainingStep.For(fused, 50)!;
        var separateStep = TrainingStep.For(separate, 50)!;
        var optimizer = new Sgd(separate.Parameters, 0.05f);
        for (int batch = 0; batch < 10; batch++)
        {
            var inputs = Train.Features(batch * 50, 50);
            var labels = Train.LabelArray(batch * 50, 50);
            float fusedLoss = fusedStep.RunWithSgd(inputs.Data, labels, 0.05f);
            float separateLoss = separateStep.Run(inputs.Data, labels);
            optimizer.Step();
            Assert.Equal(separateLoss, fusedLoss, 1e-5f);
        }
        // The same update, rounded differently: x·(−η·dz) summed into W against W − η·(x·dz).
        for (int i = 0; i < fused.Parameters.Count; i++)
        {
            var expected = separate.Parameters[i].Value.Data;
            var actual = fused.Parameters[i].Value.Data;
            for (int j = 0; j < expected.Length; j++)
                Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-5f * Math.Max(1f, Math.Abs(expected[j])),
                    $"{fused.Parameters[i].Name}[{j}]: {actual[j]} after the fused update, {expected[j]} after gradient then step");
        }
    }

    [Fact]
    public void ModelsTheStepCannotRunGoThroughTheGraph()
    {
        var frozen = Mlp.Create(4, [3], 2, Activation.Relu, seed: 1);
        frozen.Parameters[0].Value.RequiresGrad = false;
        Assert.Null(TrainingStep.For(frozen, 10));

        var withAUsersLayer = new Sequential(new Dense(4, 3, Activation.Relu, new SeededRandom(1)), new Passing());
        Assert.Null(TrainingStep.For(withAUsersLayer, 10));

        // Each layer's backward pass sets its parameters' gradients: weights two layers share need theirs added.
        var shared = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } });
        shared.RequiresGrad = true;
        var sharing = new Sequential(new Dense(shared, Biases(), Activation.Relu, "first"), new Dense(shared, Biases(), null, "second"));
        Assert.Null(TrainingStep.For(sharing, 10));
    }

    private static Tensor Biases()
    {
        var biases = Tensor.Zeros(2);
        biases.RequiresGrad = true;
        return biases;
    }

    /// <summary>A layer a user writes, with a forward pass through the graph and no buffer kernels.</summary>
    private sealed class Passing : Layer
    {
        public override IReadOnlyList<Parameter> Parameters => [];
        public override string Kind => "passing";
        public override Tensor Forward(Tensor input) => input;
    }

    [Fact]
    public void ASteadyStateTrainingStepAllocatesNothing()
    {
        var model = Mlp.Note();
        var optimizer = new Sgd(model.Parameters, 0.01f);
        var trainer = new Trainer(model, optimizer, new TrainingOptions { BatchSize = 50 });
        var indices = Enumerable.Range(0, 50).ToArray();
        for (int step = 0; step < 50; step++) trainer.TrainBatch(Train, indices);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 100; step++)
        {
            indices.AsSpan().Reverse();
            trainer.TrainBatch(Train, indices);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(150, optimizer.StepCount);
    }

    [Theory]
    [InlineData("momentum")]
    [InlineData("nesterov")]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("rmsprop")]
    [InlineData("adagrad")]
    public void WithEveryOptimizerDropoutAndBatchNormASteadyStateStepAllocatesNothing(string name)
    {
        var model = Mlp.Create(784, [300, 100], 10, Activation.Relu, seed: 1, dropout: 0.2f, batchNorm: true);
        var options = new TrainingOptions { BatchSize = 50, Optimizer = new OptimizerOptions { Name = name, WeightDecay = 1e-4f, ClipNorm = 5f } };
        var trainer = new Trainer(model, options);
        var indices = Enumerable.Range(0, 50).ToArray();
        for (int step = 0; step < 5; step++) trainer.TrainBatch(Train, indices);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 100; step++)
        {
            indices.AsSpan().Reverse();
            trainer.TrainBatch(Train, indices);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(105, trainer.Optimizer.StepCount);
    }
}
