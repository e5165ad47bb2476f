using System.Text.Json;
using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Optimizers;
using Hebb.Serialization;
using Hebb.Tensors;
using Hebb.Tests.Reference;
using Hebb.Training;

namespace Hebb.Tests.Training;

/// <summary>Regression through the same trainer, step and evaluation as classification: PyTorch's figures for five SGD
/// steps of mean squared error (<c>tools/reference/make_regression_golden.py</c>), no allocation per step, and
/// <c>Fit</c> from plain arrays.</summary>
[Collection(RunsAloneCollection.Name)]
public class RegressionTrainingTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "TestData", "reference", "regression.json"))).RootElement;

    private static Sequential ReferenceNetwork() => new(
        new Dense(Golden.Tensor(Reference.GetProperty("initial_parameters").GetProperty("hidden1/weights")),
            Golden.Tensor(Reference.GetProperty("initial_parameters").GetProperty("hidden1/biases")), Activation.Tanh, "hidden1"),
        new Dense(Golden.Tensor(Reference.GetProperty("initial_parameters").GetProperty("outputs/weights")),
            Golden.Tensor(Reference.GetProperty("initial_parameters").GetProperty("outputs/biases")), Activation.Identity, "outputs"));

    private static TableDataset ReferenceData() => new(
        Golden.Tensor(Reference.GetProperty("x")).Data.ToArray(), 4, Golden.Tensor(Reference.GetProperty("targets")).Data.ToArray());

    [Fact]
    public void FiveFusedSgdStepsOfTheTrainerGivePyTorchsLossesAndWeights() =>
        AssertStepsMatchPyTorch((model, data, indices) =>
        {
            var trainer = new Trainer(model, new TrainingOptions { BatchSize = 8, LearningRate = 0.05f });
            return indices.Select(batch => trainer.TrainBatch(data, batch)).ToArray();
        });

    [Fact]
    public void FiveStepsThroughTheAutodiffGraphGivePyTorchsLossesAndWeights() =>
        AssertStepsMatchPyTorch((model, data, indices) =>
        {
            var optimizer = new Sgd(model.Parameters, 0.05f);
            return indices.Select(batch =>
            {
                var loss = Loss.MeanSquaredError(model.Forward(data.Subset(batch).Features(0, batch.Length)),
                    new Tensor(batch.Select(data.TargetAt).ToArray(), batch.Length, 1));
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
                return loss.Data[0];
            }).ToArray();
        });

    private static void AssertStepsMatchPyTorch(Func<Sequential, TableDataset, int[][], float[]> run)
    {
        var model = ReferenceNetwork();
        var batches = Enumerable.Range(0, 5).Select(step => Enumerable.Range(8 * (step % 2), 8).ToArray()).ToArray();
        var losses = run(model, ReferenceData(), batches);
        var expected = Reference.GetProperty("losses").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        for (int step = 0; step < 5; step++) Golden.AssertClose(expected[step], losses[step], $"loss of step {step}");
        foreach (var parameter in model.Parameters)
            Golden.AssertClose(Golden.Tensor(Reference.GetProperty("parameters_after").GetProperty(parameter.Name)),
                parameter.Value.Data, parameter.Name);
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    public void ASteadyStateRegressionStepAllocatesNothing(string optimizer)
    {
        var random = new SeededRandom(5);
        var data = new TableDataset(Tensor.RandomUniform(random, -1f, 1f, 200, 8).Data.ToArray(), 8,
            Tensor.RandomUniform(random, -1f, 1f, 200).Data.ToArray());
        var model = Mlp.Create(8, [16], 1, Activation.Relu, seed: 1, dropout: 0.1f, batchNorm: true);
        var trainer = new Trainer(model, new TrainingOptions { BatchSize = 50, Optimizer = new OptimizerOptions { Name = optimizer } });
        var indices = Enumerable.Range(0, 50).ToArray();
        for (int step = 0; step < 5; step++) trainer.TrainBatch(data, indices);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 100; step++)
        {
            indices.AsSpan().Reverse();
            trainer.TrainBatch(data, indices);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void FitFromArraysLearnsALinearFunctionAndTheFileSaysTheLoss()
    {
        var random = new SeededRandom(7);
        var features = new float[400, 3];
        var targets = new float[400];
        for (int i = 0; i < 400; i++)
        {
            for (int j = 0; j < 3; j++) features[i, j] = (float)random.NextDouble() * 2 - 1;
            targets[i] = 2 * features[i, 0] - features[i, 1] + 0.5f * features[i, 2];
        }
        var model = Mlp.Create(3, [16], 1, Activation.Relu, seed: 1);

        var history = model.Fit(features, targets, new TrainingOptions { Epochs = 30, BatchSize = 20, LearningRate = 0.05f });

        Assert.True(history[^1].Loss < history[0].Loss / 10, $"loss {history[0].Loss} -> {history[^1].Loss}");
        Assert.True(double.IsNaN(history[^1].TrainAccuracy));
        var score = RegressionEvaluation.Run(model, TableDataset.FromRows(features, targets));
        Assert.True(score.RSquared > 0.98, $"R² {score.RSquared}");
        string path = Path.Combine(Path.GetTempPath(), $"hebb-regression-{Guid.NewGuid():N}.safetensors");
        try
        {
            ModelFile.Save(path, model);
            Assert.Contains("\"loss\":\"mean_squared_error\"", ModelFile.Load(path).Metadata[ModelFile.TrainingKey]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void FitFromArraysLearnsClasses()
    {
        var features = new float[200, 2];
        var labels = new int[200];
        var random = new SeededRandom(3);
        for (int i = 0; i < 200; i++)
        {
            labels[i] = i % 2;
            features[i, 0] = (labels[i] == 0 ? -1 : 1) + 0.3f * ((float)random.NextDouble() - 0.5f);
            features[i, 1] = (float)random.NextDouble();
        }
        var model = Mlp.Create(2, [8], 2, Activation.Relu, seed: 1);

        model.Fit(features, labels, new TrainingOptions { Epochs = 20, BatchSize = 20, LearningRate = 0.1f });

        Assert.Equal(1.0, Evaluation.Run(model, TableDataset.FromRows(features, labels)).Accuracy);
    }

    [Fact]
    public void FitFromRowsInASpanTrainsAsFromATwoDimensionalArray()
    {
        var grid = new float[60, 3];
        var random = new SeededRandom(5);
        for (int i = 0; i < 60; i++)
            for (int j = 0; j < 3; j++) grid[i, j] = (float)random.NextDouble() * 2 - 1;
        var rows = new float[60 * 3 + 2];
        Buffer.BlockCopy(grid, 0, rows, sizeof(float), grid.Length * sizeof(float));
        var span = rows.AsSpan(1, 60 * 3);
        var labels = Enumerable.Range(0, 60).Select(i => grid[i, 0] > 0 ? 1 : 0).ToArray();
        var targets = Enumerable.Range(0, 60).Select(i => grid[i, 1] - grid[i, 2]).ToArray();
        var options = new TrainingOptions { Epochs = 3, BatchSize = 10, LearningRate = 0.1f };
        Sequential Model(int outputs) => Mlp.Create(3, [4], outputs, Activation.Relu, seed: 2);

        var (fromGrid, fromSpan) = (Model(2), Model(2));
        fromGrid.Fit(grid, labels, options);
        fromSpan.Fit(span, 3, labels, options);
        var (gridRegression, spanRegression) = (Model(1), Model(1));
        gridRegression.Fit(grid, targets, options);
        spanRegression.Fit(span, 3, targets, options);

        Assert.Equal(Weights(fromGrid), Weights(fromSpan));
        Assert.Equal(Weights(gridRegression), Weights(spanRegression));
        Assert.Equal(TableDataset.FromRows(grid, labels).Values, TableDataset.FromRows(span, 3, labels).Values);
        Assert.Throws<ArgumentException>(() => TableDataset.FromRows(rows.AsSpan(1, 7), 3, targets));
    }

    private static float[] Weights(Sequential model) => model.Layers.SelectMany(layer => layer.Parameters).SelectMany(p => p.Value.Data).ToArray();

    [Fact]
    public void RegressionFiguresAreScikitLearnsDefinitions()
    {
        // sklearn.metrics on predictions [1, 2, 3] against targets [1, 2, 4]: MSE 1/3, MAE 1/3, R² 1 − 1 / (42/9).
        var score = RegressionEvaluation.Of([1, 2, 3], [1, 2, 4]);
        Assert.Equal(1.0 / 3, score.MeanSquaredError, 12);
        Assert.Equal(1.0 / 3, score.MeanAbsoluteError, 12);
        Assert.Equal(1 - 9.0 / 42, score.RSquared, 12);
        Assert.Equal(Math.Sqrt(1.0 / 3), score.RootMeanSquaredError, 12);
    }

    [Fact]
    public void AValidationSplitOfARegressionSetIsARandomCutAndTheEvaluationsMatchTheTask()
    {
        var data = new TableDataset(Enumerable.Range(0, 100).Select(i => (float)i).ToArray(), 1,
            Enumerable.Range(0, 100).Select(i => i * 0.5f).ToArray());
        var split = ValidationSplit.Stratified(data, 0.2, seed: 1);
        Assert.Equal(20, split.Validation.Count);
        Assert.Equal(80, split.Train.Count);
        for (int i = 0; i < split.Validation.Count; i++)
            Assert.Equal(split.Validation.Features(i, 1).Data[0] * 0.5f, split.Validation.TargetAt(i));
        var model = Mlp.Create(1, [4], 1, Activation.Relu, seed: 1);
        Assert.Throws<ArgumentException>(() => Evaluation.Run(model, data));
        Assert.Throws<ArgumentException>(() => new Trainer(Mlp.Create(1, [4], 3, Activation.Relu, seed: 1), new TrainingOptions()).Fit(data));
    }
}
