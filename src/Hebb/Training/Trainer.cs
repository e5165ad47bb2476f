using System.Diagnostics;
using Hebb.Autodiff;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Metrics;
using Hebb.Optimizers;
using Hebb.Schedules;
using Hebb.Tensors;

namespace Hebb.Training;

/// <summary>
/// The note's execution phase: for each epoch, a training step on every shuffled mini-batch, then the
/// accuracy on the last batch and on the test set. A model of <see cref="IKernelLayer"/>s (every built-in layer)
/// trains through <see cref="TrainingStep"/> and allocates nothing per batch (with plain SGD, the update is fused
/// into the backward pass); other models go through the autodiff graph. The schedule sets the optimiser's rate at
/// the start of every epoch and observes the epoch's loss at its end.
/// </summary>
public sealed class Trainer
{
    private readonly Sequential model;
    private readonly IOptimizer optimizer;
    private readonly ILearningRateSchedule schedule;
    private readonly TrainingOptions options;
    private readonly SeededRandom shuffleRandom;
    private readonly TrainingStep? step;
    private BatchBuffer? batchBuffer;
    private int completedEpochs;

    /// <summary>Trains <paramref name="model"/> with <paramref name="optimizer"/>, whose rate at construction is the
    /// base rate of <paramref name="schedule"/> (by default, the one <paramref name="options"/> choose).</summary>
    public Trainer(Sequential model, IOptimizer optimizer, TrainingOptions options, ILearningRateSchedule? schedule = null)
    {
        options.Validate();
        this.model = model;
        this.optimizer = optimizer;
        this.schedule = schedule ?? options.Schedule.Create(optimizer.LearningRate, options.Epochs);
        this.options = options;
        shuffleRandom = ShuffleRandom(options.Seed);
        step = TrainingStep.For(model, options.BatchSize);
    }

    /// <summary>The optimiser and schedule that <paramref name="options"/> choose (by default the note's: SGD at 0.01).</summary>
    public Trainer(Sequential model, TrainingOptions options)
        : this(model, options.Optimizer.Create(model.Parameters), options)
    {
    }

    /// <summary>The optimiser, whose state a checkpoint saves.</summary>
    public IOptimizer Optimizer => optimizer;

    /// <summary>The learning-rate schedule, whose state a checkpoint saves.</summary>
    public ILearningRateSchedule Schedule => schedule;

    /// <summary>The generator of the batch order for <paramref name="seed"/>. The order has a stream of its own, so
    /// that it does not depend on how many draws the initialisation took; the graph API's <c>NextBatch</c> draws
    /// from the same stream, to deal the same batches.</summary>
    internal static SeededRandom ShuffleRandom(ulong seed) => new(seed ^ 0xBA7C4_5EEDUL);

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
        optimizer.LearningRate = schedule.RateFor(completedEpochs);
        var clock = Stopwatch.StartNew();
        var sampler = new BatchSampler(train.Count, options.BatchSize, shuffleRandom);
        sampler.StartEpoch();
        double lossSum = 0;
        for (int index = 0; index < sampler.BatchCount; index++)
        {
            var indices = sampler.Batch(index);
            lossSum += TrainBatch(train, indices) * (double)indices.Length;
            onBatch?.Invoke(index + 1, sampler.BatchCount);
        }
        // The training loop alone, as the PyTorch reference times it: the accuracies measured after it are not part of it.
        double seconds = clock.Elapsed.TotalSeconds;
        double trainAccuracy = LastBatchAccuracy(train, sampler.Batch(sampler.BatchCount - 1));
        double testAccuracy = test is null ? double.NaN : Evaluation.Run(model, test).Accuracy;
        var report = new EpochReport(++completedEpochs, lossSum / Math.Max(1, train.Count), trainAccuracy, testAccuracy,
            seconds, train.Count / Math.Max(seconds, 1e-9));
        history.Add(report);
        schedule.Observe(report.Epoch - 1, report.Loss);
        return report;
    }

    /// <summary>One step of SGD (or the given optimiser) on the samples at <paramref name="indices"/>; returns the batch's mean loss.</summary>
    internal float TrainBatch(ImageDataset data, ReadOnlySpan<int> indices)
    {
        var (inputs, labels) = Buffers(data).Fill(data, indices);
        float loss;
        if (step is not null && optimizer is Sgd { IsPlain: true } sgd)
        {
            loss = step.RunWithSgd(inputs.Data, labels, sgd.LearningRate);
            sgd.CountFusedStep();
            return loss;
        }
        if (step is not null)
            loss = step.Run(inputs.Data, labels);
        else
        {
            model.IsTraining = true;
            var lossTensor = Loss.SoftmaxCrossEntropy(model.Forward(inputs), labels);
            optimizer.ZeroGrad();
            lossTensor.Backward();
            loss = lossTensor.Data[0];
        }
        optimizer.Step();
        return loss;
    }

    /// <summary>The note's "train accuracy": the model, as it is after the epoch, on the epoch's last batch.</summary>
    private double LastBatchAccuracy(ImageDataset data, ReadOnlySpan<int> indices)
    {
        var (inputs, labels) = Buffers(data).Fill(data, indices);
        using var _ = Autograd.NoGradient();
        using var evaluating = EvaluationMode.Of(model);
        return Accuracy.Top1(model.Forward(inputs), labels);
    }

    private BatchBuffer Buffers(ImageDataset data)
    {
        if (batchBuffer is null || batchBuffer.FeatureCount != data.FeatureCount)
            batchBuffer = new BatchBuffer(options.BatchSize, data.FeatureCount);
        return batchBuffer;
    }

    private void CheckWidth(ImageDataset data)
    {
        if (model.InputWidth is int inputs && inputs != data.FeatureCount)
            throw new ArgumentException($"the model takes {inputs} inputs, the data has {data.FeatureCount} features per sample");
    }
}
