using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Inference;
using Hebb.Layers;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Hebb.Tensors;

namespace Hebb.Tests.Inference;

/// <summary>The predictor against the model's own forward pass in evaluation mode, its allocations, and many threads at once.</summary>
public class PredictorTests
{
    public static TheoryData<string, bool, float> Models()
    {
        var data = new TheoryData<string, bool, float>();
        foreach (var activation in Activation.All) data.Add(activation.Name, false, 0f);
        data.Add("relu", true, 0f);
        data.Add("tanh", true, 0.3f);
        data.Add("relu", false, 0.5f);
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ItGivesTheLogitsOfTheModelsForwardPass(string activation, bool batchNorm, float dropout)
    {
        var model = RandomModel(Activation.Parse(activation), batchNorm, dropout);
        var predictor = model.CreatePredictor(maxBatch: 32);
        var random = new SeededRandom(11);
        // Mostly zero, like pixels, and dense, like standardized features: the two ways a dense layer multiplies.
        foreach (double zeroShare in new[] { 0.8, 0.0 })
            foreach (int rows in new[] { 1, 7, 50, 100 })
            {
                var samples = MatrixVectorTests.Values(random, rows * predictor.InputWidth, zeroShare);
                var expected = ForwardInEvaluation(model, samples, rows);
                var logits = new float[rows * predictor.OutputWidth];
                predictor.Logits(samples, logits);
                for (int i = 0; i < logits.Length; i++)
                    Assert.True(Math.Abs(expected[i] - logits[i]) <= 1e-5f * Math.Max(1f, Math.Abs(expected[i])),
                        $"{rows} rows, zero share {zeroShare}: logit {i} is {logits[i]}, the forward pass gives {expected[i]}");
                var classes = new int[rows];
                predictor.Predict(samples, classes);
                for (int r = 0; r < rows; r++)
                    Assert.Equal(TensorPrimitives.IndexOfMax(expected.AsSpan(r * 10, 10)), classes[r]);
            }
        Assert.True(model.IsTraining, "the predictor leaves the model's mode as it was");
    }

    [Fact]
    public void OneSampleGivesItsClassAndTheSoftmaxOfItsLogits()
    {
        var model = RandomModel(Activation.Relu, batchNorm: true, dropout: 0.2f);
        var predictor = model.CreatePredictor();
        var sample = MatrixVectorTests.Values(new SeededRandom(3), predictor.InputWidth, 0.5);
        var logits = ForwardInEvaluation(model, sample, 1);
        var expected = new float[10];
        Activation.Softmax.Forward(logits, expected, 10);
        var probabilities = new float[10];
        int predicted = predictor.Predict(sample, probabilities);
        Assert.Equal(TensorPrimitives.IndexOfMax(logits), predicted);
        Assert.Equal(predicted, predictor.Predict(sample));
        for (int i = 0; i < 10; i++) Assert.Equal(expected[i], probabilities[i], 1e-6f);
        // In a batch the dense layers may take the other kernel: the same numbers, rounded differently.
        var batchProbabilities = new float[20];
        predictor.Probabilities([.. sample, .. sample], batchProbabilities);
        for (int i = 0; i < 20; i++) Assert.Equal(probabilities[i % 10], batchProbabilities[i], 1e-6f);
    }

    [Fact]
    public void WarmPredictionsAllocateNothing()
    {
        var model = RandomModel(Activation.Relu, batchNorm: true, dropout: 0.2f);
        var predictor = model.CreatePredictor(maxBatch: 64);
        var random = new SeededRandom(5);
        var sparse = MatrixVectorTests.Values(random, 100 * predictor.InputWidth, 0.8);
        var dense = MatrixVectorTests.Values(random, 100 * predictor.InputWidth, 0);
        var probabilities = new float[10];
        var logits = new float[100 * 10];
        var classes = new int[100];
        void Calls()
        {
            for (int i = 0; i < 20; i++)
            {
                predictor.Predict(sparse.AsSpan(i * predictor.InputWidth, predictor.InputWidth));
                predictor.Predict(dense.AsSpan(i * predictor.InputWidth, predictor.InputWidth), probabilities);
            }
            predictor.Logits(sparse, logits);
            predictor.Predict(dense, classes);
        }
        Calls();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Calls();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ManyThreadsAtOncePredictRight()
    {
        var model = RandomModel(Activation.Tanh, batchNorm: true, dropout: 0.1f);
        var predictor = model.CreatePredictor(maxBatch: 16);
        int samples = 64, width = predictor.InputWidth;
        var inputs = MatrixVectorTests.Values(new SeededRandom(8), samples * width, 0.6);
        // Each call's numbers, from one thread: with many at once they must come out bit for bit the same.
        var expected = new float[samples - 3][];
        for (int first = 0; first < expected.Length; first++)
        {
            expected[first] = new float[3 * 10];
            predictor.Logits(inputs.AsSpan(first * width, 3 * width), expected[first]);
        }
        var alone = new int[samples];
        for (int i = 0; i < samples; i++) alone[i] = predictor.Predict(inputs.AsSpan(i * width, width));
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            var logits = new float[3 * 10];
            for (int call = 0; call < 300; call++)
            {
                int first = (call * 7 + t * 13) % (samples - 3);
                predictor.Logits(inputs.AsSpan(first * width, 3 * width), logits);
                if (!logits.AsSpan().SequenceEqual(expected[first])) failures.Add($"thread {t}, call {call}, samples {first}..{first + 2}");
                int single = (first + 1) % samples;
                if (predictor.Predict(inputs.AsSpan(single * width, width)) != alone[single])
                    failures.Add($"thread {t}, call {call}, sample {single}");
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        Assert.Empty(failures);
    }

    [Fact]
    public void WrongSizesAreRefusedInOneLine()
    {
        var predictor = RandomModel(Activation.Relu, false, 0f).CreatePredictor();
        var error = Assert.Throws<ArgumentException>(() => predictor.Predict(new float[5]));
        Assert.Contains("a sample of 5 values, expected 40", error.Message);
        Assert.Throws<ArgumentException>(() => predictor.Logits(new float[80], new float[10]));
        Assert.Throws<ArgumentException>(() => predictor.Predict(new float[80], new int[3]));
    }

    /// <summary>40 → 30 → 20 → 10 with the given hidden activation, and running statistics that are not the fresh ones.</summary>
    private static Sequential RandomModel(Activation activation, bool batchNorm, float dropout)
    {
        var model = Mlp.Create(40, [30, 20], 10, activation, seed: 17, dropout: dropout, batchNorm: batchNorm);
        var random = new SeededRandom(23);
        foreach (var norm in model.Layers.OfType<BatchNorm>())
        {
            for (int i = 0; i < norm.Features; i++)
            {
                norm.RunningMean.Data[i] = (float)(random.NextDouble() - 0.5);
                norm.RunningVariance.Data[i] = (float)(0.5 + random.NextDouble());
                norm.Gamma.Data[i] = (float)(0.5 + random.NextDouble());
                norm.Beta.Data[i] = (float)(random.NextDouble() - 0.5);
            }
        }
        return model;
    }

    private static float[] ForwardInEvaluation(Sequential model, float[] samples, int rows)
    {
        using var _ = Autograd.NoGradient();
        model.IsTraining = false;
        try { return model.Forward(new Tensor(samples, rows, samples.Length / rows)).Data; }
        finally { model.IsTraining = true; }
    }
}
