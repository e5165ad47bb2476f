using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Optimizers;
using Hebb.Training;

namespace Hebb.Tests.Optimizers;

/// <summary>An optimiser's saved state carries on its steps bit for bit, and a state that does not fit is refused by name.</summary>
public class OptimizerStateTests
{
    private static readonly ImageDataset Train = MnistData.LoadBuiltInSample().Train.Slice(0, 200);

    [Theory]
    [InlineData("sgd")]
    [InlineData("momentum")]
    [InlineData("nesterov")]
    public void StepsAfterALoadedStateEqualUninterruptedSteps(string name)
    {
        var options = new TrainingOptions { Optimizer = new OptimizerOptions { Name = name, WeightDecay = 1e-3f, ClipNorm = 1f } };
        var straight = TrainSteps(options, steps: 6, out _);
        var first = TrainSteps(options, steps: 3, out var firstTrainer);
        var resumedModel = first;
        var state = firstTrainer.Optimizer.SaveState();
        var resumed = new Trainer(resumedModel, options.Optimizer.Create(resumedModel.Parameters), options);
        resumed.Optimizer.LoadState(state);
        Assert.Equal(3, resumed.Optimizer.StepCount);
        for (int step = 3; step < 6; step++) resumed.TrainBatch(Train, Batch(step));
        for (int i = 0; i < straight.Parameters.Count; i++)
            Assert.Equal(straight.Parameters[i].Value.Data, resumedModel.Parameters[i].Value.Data);
    }

    [Fact]
    public void MomentumStateHasOneBufferPerParameterNamedAsPyTorch()
    {
        var model = Mlp.Create(4, [3], 2, Activation.Relu, seed: 1);
        var state = new Sgd(model.Parameters, 0.1f, momentum: 0.9f).SaveState();
        Assert.Equal(model.Parameters.Select(p => $"{p.Name}/momentum_buffer"), state.Slots.Select(slot => slot.Name));
        Assert.Empty(new Sgd(model.Parameters, 0.1f).SaveState().Slots);
    }

    [Fact]
    public void AStateOfOtherParametersIsRefusedNamingTheSlot()
    {
        var small = new Sgd(Mlp.Create(4, [3], 2, Activation.Relu, seed: 1).Parameters, 0.1f, momentum: 0.9f);
        var wide = new Sgd(Mlp.Create(4, [5], 2, Activation.Relu, seed: 1).Parameters, 0.1f, momentum: 0.9f);
        var error = Assert.Throws<InvalidDataException>(() => small.LoadState(wide.SaveState()));
        Assert.Contains("hidden1/weights/momentum_buffer", error.Message);
        Assert.Contains("expected 12", error.Message);
    }

    [Fact]
    public void TheLearningRateOfTrainingOptionsAndOfItsOptimizerAreOne()
    {
        var optimizerFirst = new TrainingOptions { Optimizer = new OptimizerOptions { Name = "momentum" }, LearningRate = 0.5f };
        var rateFirst = new TrainingOptions { LearningRate = 0.5f, Optimizer = new OptimizerOptions { Name = "momentum" } };
        Assert.Equal(0.5f, optimizerFirst.Optimizer.LearningRate);
        Assert.Equal(0.5f, rateFirst.Optimizer.LearningRate);
        Assert.Equal("momentum", rateFirst.Optimizer.Name);
        Assert.Equal(0.25f, new TrainingOptions { Optimizer = new OptimizerOptions { LearningRate = 0.25f } }.LearningRate);
    }

    [Theory]
    [InlineData("lbfgs", "Name")]
    [InlineData("sgd", "Momentum", 1f)]
    [InlineData("sgd", "WeightDecay", 0f, -1f)]
    [InlineData("sgd", "ClipNorm", 0f, 0f, 0f)]
    public void OptionsOutOfRangeAreRefusedByName(string name, string field, float momentum = 0f, float decay = 0f, float clipNorm = 1f)
    {
        var options = new OptimizerOptions { Name = name, Momentum = momentum, WeightDecay = decay, ClipNorm = clipNorm };
        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(options.Validate).ParamName);
    }

    private static Sequential TrainSteps(TrainingOptions options, int steps, out Trainer trainer)
    {
        var model = Mlp.Create(784, [16], 10, Activation.Relu, seed: 5);
        trainer = new Trainer(model, options);
        for (int step = 0; step < steps; step++) trainer.TrainBatch(Train, Batch(step));
        return model;
    }

    private static int[] Batch(int step) => Enumerable.Range(step * 20, 50).ToArray();
}
