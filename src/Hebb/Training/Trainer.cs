using System.Diagnostics;
using Hebb.Autodiff;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Metrics;
using Hebb.Optimizers;
using Hebb.Tensors;

namespace Hebb.Training;

/// <summary>
/// The note's execution phase: for each epoch, a training step on every shuffled mini-batch, then the
/// accuracy on the last batch and on the test set. The batch buffers are reused between batches.
/// </summary>
public sealed class Trainer
{
    private readonly Sequential model;
    private readonly IOptimizer optimizer;
    private readonly TrainingOptions options;
    private readonly SeededRandom shuffleRandom;
    private int completedEpochs;

    public Trainer(Sequential model, IOptimizer optimizer, TrainingOptions options)
    {
        options.Validate();
        this.model = model;
        this.optimizer = optimizer;
        this.options = options;
        // The batch order has a stream of its own, so that it does not depend on how many draws the
        // initialisation took.
        shuffleRandom = new SeededRandom(options.Seed ^ 0xBA7C4_5EEDUL);
    }

    /// <summary>The note's set-up: SGD at the options' learning rate.</summary>
    public Trainer(Sequential model, TrainingOptions options)
        : this(model, new Sgd(model.Parameters, options.LearningRate), options)
    {
    }

    public IReadOnlyList<EpochReport> History => history;
    private readonly List<EpochReport> history = [];

    /// <summary>Trains for the configured number of epochs, reporting each one as it ends.</summary>
    public IReadOnlyList<EpochReport> Fit(ImageDataset train, ImageDataset? test, Action<EpochReport>? onEpoch = null, Action<int, int>? onBatch = null)
    {
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            // Not inside onEpoch?.Invoke(...): C# skips evaluating the arguments when onEpoch is null.
            var report = RunEpoch(train, test, onBatch);
            onEpoch?.Invoke(report);
        }
        return history;
    }

    /// <summary>One pass over <paramref name="train"/>; <paramref name="onBatch"/> gets (batches done, batches).</summary>
    public EpochReport RunEpoch(ImageDataset train, ImageDataset? test, Action<int, int>? onBatch = null)
    {
        CheckWidth(train);
        var clock = Stopwatch.StartNew();
        var sampler = new BatchSampler(train.Count, options.BatchSize, shuffleRandom);
        sampler.StartEpoch();
        var batch = new BatchBuffer(options.BatchSize, train.FeatureCount);
        double lossSum = 0;
        Tensor inputs = batch.Inputs(0);
        int[] labels = [];
        for (int index = 0; index < sampler.BatchCount; index++)
        {
            var indices = sampler.Batch(index);
            (inputs, labels) = batch.Fill(train, indices);
            var loss = Loss.SoftmaxCrossEntropy(model.Forward(inputs), labels);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            lossSum += loss.Data[0] * (double)indices.Length;
            onBatch?.Invoke(index + 1, sampler.BatchCount);
        }
        // The training loop alone, as the PyTorch reference times it: the accuracies measured after it are not part of it.
        double seconds = clock.Elapsed.TotalSeconds;
        double trainAccuracy;
        using (Autograd.NoGradient())
            trainAccuracy = Accuracy.Top1(model.Forward(inputs), labels);
        double testAccuracy = test is null ? double.NaN : Evaluation.Run(model, test).Accuracy;
        var report = new EpochReport(++completedEpochs, lossSum / Math.Max(1, train.Count), trainAccuracy, testAccuracy,
            seconds, train.Count / Math.Max(seconds, 1e-9));
        history.Add(report);
        return report;
    }

    private void CheckWidth(ImageDataset data)
    {
        var first = model.Layers.OfType<Dense>().FirstOrDefault();
        if (first is not null && first.Inputs != data.FeatureCount)
            throw new ArgumentException($"the model takes {first.Inputs} inputs, the data has {data.FeatureCount} features per sample");
    }
}
