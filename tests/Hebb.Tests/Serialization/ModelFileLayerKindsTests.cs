using Hebb.Tests.Support;
using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Serialization;
using Hebb.Training;

namespace Hebb.Tests.Serialization;

/// <summary>Batch normalization (with its running statistics) and dropout layers survive a save and a load.</summary>
public sealed class ModelFileLayerKindsTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ATrainedModelWithBatchNormAndDropoutLoadsBackAndEvaluatesTheSame()
    {
        var data = MnistData.LoadBuiltInSample();
        var train = data.Train.Slice(0, 200);
        var options = new TrainingOptions { Epochs = 1, BatchSize = 50 };
        var model = Mlp.Create(784, [32, 16], 10, Activation.Relu, seed: 2, dropout: 0.25f, batchNorm: true);
        var trainer = new Trainer(model, options);
        trainer.Fit(train, null);
        var path = folder.PathOf("model.safetensors");
        ModelFile.Save(path, model, new ModelInfo(options, trainer.History, "sample", 1));

        var loaded = ModelFile.Load(path).Model;

        Assert.Equal("Sequential(Dense(784 => 32), BatchNorm(32, relu), Dropout(0.25), Dense(32 => 16), BatchNorm(16, relu), Dropout(0.25), Dense(16 => 10))",
            loaded.ToString());
        Assert.Equal(model.Parameters.Select(p => p.Name), loaded.Parameters.Select(p => p.Name));
        Assert.Equal(["hidden1_batch_norm/running_mean", "hidden1_batch_norm/running_var", "hidden2_batch_norm/running_mean", "hidden2_batch_norm/running_var"],
            loaded.Buffers.Select(b => b.Key));
        Assert.Equal(model.Buffers.Select(b => b.Value.Data), loaded.Buffers.Select(b => b.Value.Data));
        // The running statistics moved away from their start, so evaluation depends on them.
        Assert.NotEqual(new float[32], model.Buffers[0].Value.Data);
        Assert.Equal(Evaluation.Run(model, data.Test), Evaluation.Run(loaded, data.Test), new EvaluationComparer());
    }

    [Fact]
    public void SummaryListsLayersOutputShapesAndParameterCounts()
    {
        var model = Mlp.Create(784, [300, 100], 10, Activation.Relu, seed: 1, dropout: 0.2f, batchNorm: true);

        var lines = model.Summary().Split('\n');

        Assert.Contains(lines, line => line.StartsWith("hidden1 (dense)") && line.Contains("[batch, 300]") && line.EndsWith("235,500"));
        Assert.Contains(lines, line => line.StartsWith("hidden1_batch_norm (batch_norm)") && line.EndsWith("600"));
        Assert.Contains(lines, line => line.StartsWith("hidden2_dropout (dropout)") && line.Contains("[batch, 100]") && line.EndsWith(" 0"));
        Assert.Contains(lines, line => line.StartsWith("outputs (dense)") && line.Contains("[batch, 10]") && line.EndsWith("1,010"));
        Assert.Contains("trainable parameters: 267,410", lines);
        Assert.Contains("buffers (not trained): 800", lines);
    }

    private sealed class EvaluationComparer : IEqualityComparer<Evaluation>
    {
        public bool Equals(Evaluation? x, Evaluation? y) =>
            x!.Loss == y!.Loss && x.Accuracy == y.Accuracy && x.Confusion.Cast<int>().SequenceEqual(y.Confusion.Cast<int>());

        public int GetHashCode(Evaluation evaluation) => 0;
    }
}
