using System.Diagnostics;
using System.Runtime.CompilerServices;
using Hebb.Autodiff;
using Hebb.Data;
using Hebb.Distributed;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Metrics;
using Hebb.Optimizers;
using Hebb.Schedules;
using Hebb.Serialization;
using Hebb.Tensors;
using Hebb.Tensors.Kernels;

namespace Hebb.Training;

/// <summary>
/// The note's execution phase, grown into Keras's <c>fit</c>, for classes and regression alike: for each epoch, a training step on every shuffled
/// mini-batch, then the accuracy on the last batch, on the validation split and on the test set; early stopping;
/// a checkpoint file brought up to date after every epoch; a stop on a NaN or infinite loss or parameter; and
/// cancellation between batches. A model of <see cref="IKernelLayer"/>s (every built-in layer) trains through
/// <see cref="TrainingStep"/> and allocates nothing per batch (with plain SGD, the update is fused into the
/// backward pass); other models go through the autodiff graph. The schedule sets the optimiser's rate at the start of
/// every epoch and observes the monitored loss (see <see cref="MonitoredLoss"/>) at its end.
/// </summary>
public sealed class Trainer
{
    // The validation cut has a stream of its own, so that it does not move the batch order.
    private const ulong ValidationStream = 0x7A11_DA7EUL;

    // Which trainer last took each model, so that ModelFile.Save(path, model) can add what is known about its run.
    private static readonly ConditionalWeakTable<Sequential, Trainer> TrainerOfModel = new();

    private readonly SeededRandom shuffleRandom;
    private readonly TrainingStep? step;
    private readonly EarlyStopping? earlyStopping;
    private readonly List<EpochReport> history = [];
    private BatchBuffer? batchBuffer;
    private bool stopRequested;
    // The epoch count the schedule was made for: a resumed run to more epochs keeps its first run's.
    private int scheduleEpochs;
    // The training data of the last Fit, and of the run a resumed trainer goes on with.
    private DataFingerprint? data;
    private string? checkpointPath;
    // What the data's task makes the run minimise: softmax cross-entropy, or mean squared error for regression.
    private TrainingLoss trainingLoss = TrainingLoss.SoftmaxCrossEntropy;
    private IProcessGroup? processGroup;
    private GradientExchange? exchange;

    /// <summary>Trains <paramref name="model"/> with <paramref name="optimizer"/>, whose rate at construction is the
    /// base rate of <paramref name="schedule"/> (by default, the one <paramref name="options"/> choose).</summary>
    public Trainer(Sequential model, IOptimizer optimizer, TrainingOptions options, ILearningRateSchedule? schedule = null)
    {
        options.Validate();
        Model = model;
        Optimizer = optimizer;
        Schedule = schedule ?? options.Schedule.Create(optimizer.LearningRate, options.Epochs);
        scheduleEpochs = options.Epochs;
        Options = options;
        shuffleRandom = ShuffleRandom(options.Seed);
        step = TrainingStep.For(model, options.BatchSize);
        if (options.EarlyStoppingPatience > 0) earlyStopping = new EarlyStopping(model, options.EarlyStoppingPatience);
        TrainerOfModel.AddOrUpdate(model, this);
    }

    /// <summary>The optimiser and schedule that <paramref name="options"/> choose (by default the note's: SGD at 0.01).</summary>
    public Trainer(Sequential model, TrainingOptions options)
        : this(model, options.Optimizer.Create(model.Parameters), options)
    {
    }

    /// <summary>The model being trained.</summary>
    public Sequential Model { get; }

    /// <summary>The optimizer that updates <see cref="Model"/>'s parameters, whose state a checkpoint saves.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>The learning-rate schedule, whose state a checkpoint saves.</summary>
    public ILearningRateSchedule Schedule { get; }

    /// <summary>The settings of the run.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Every epoch trained so far, first to last (a resumed run's included).</summary>
    public IReadOnlyList<EpochReport> History => history;

    /// <summary>Epochs trained so far.</summary>
    public int CompletedEpochs => history.Count;

    /// <summary>With early stopping, the epoch of the lowest monitored loss so far (1-based); null without early
    /// stopping or before the first epoch. When <see cref="StoppedEarly"/>, the model holds that epoch's weights.</summary>
    public int? BestEpoch => earlyStopping is { BestEpoch: > 0 } stopping ? stopping.BestEpoch : null;

    /// <summary>True once early stopping has ended the run and put the best epoch's weights back.</summary>
    public bool StoppedEarly { get; private set; }

    /// <summary>What the monitored loss of early stopping is: "validation loss", or "training loss" without a validation split.</summary>
    public string MonitoredLoss => Options.ValidationFraction > 0 ? "validation loss" : "training loss";

    /// <summary>When set, the model file (see <see cref="ModelFile"/>) replaced atomically at the end of every epoch
    /// with everything the run has done so far, and, after early stopping, with the best epoch's weights.</summary>
    public string? CheckpointPath
    {
        get => checkpointPath;
        set
        {
            if (value != checkpointPath) SavedEpoch = 0;
            checkpointPath = value;
        }
    }

    /// <summary>
    /// When set, the run is one rank's part of data-parallel training: every rank of the group runs the same
    /// <see cref="Fit"/> on the same data; <see cref="Fit"/> starts from rank 0's weights, each rank trains on its share of
    /// every global batch (of <see cref="TrainingOptions.BatchSize"/> rows, dealt as by one process), and the gradients are
    /// averaged over the ranks before the optimiser's step, so that the weights are those of one process up to rounding.
    /// Only one rank should have a <see cref="CheckpointPath"/>. Models with batch normalization or dropout are refused.
    /// </summary>
    /// <exception cref="ArgumentException">Set for a model with batch normalization or dropout.</exception>
    public IProcessGroup? ProcessGroup
    {
        get => processGroup;
        set
        {
            exchange = value is null ? null : new GradientExchange(value, Model);
            processGroup = value;
        }
    }

    /// <summary>Floats each rank sends and receives per step in data-parallel training (0 without a <see cref="ProcessGroup"/>).</summary>
    public int ExchangedFloatsPerStep => exchange?.FloatsPerStep ?? 0;

    /// <summary>In data-parallel training, the seconds of the last epoch's training loop that this rank spent in the gradient
    /// exchange's calls to the <see cref="ProcessGroup"/> (on one host mostly waiting for the slowest rank, across hosts the
    /// network too); 0 otherwise.</summary>
    public double ExchangeSeconds { get; private set; }

    /// <summary>Of <see cref="ExchangeSeconds"/>, the seconds spent waiting for the other ranks to be ready, where the exchange
    /// can tell them apart (through shared memory on one host); null otherwise.</summary>
    public double? ExchangeWaitSeconds { get; private set; }

    /// <summary>The epoch <see cref="CheckpointPath"/> holds (0: not written by this run yet).</summary>
    public int SavedEpoch { get; private set; }

    /// <summary>What the data is, for the model file's <c>hebb.dataset</c> (a folder, "built-in MNIST sample", ...).</summary>
    public string DataSource { get; set; } = "";

    /// <summary>Entries of its own that the caller wants in every model file the trainer writes (the command line keeps
    /// its options there); kept across <see cref="Resume(string, int?)"/>.</summary>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// A trainer that goes on with the run saved in <paramref name="path"/> by a trainer's checkpoint (an interrupted
    /// or finished run), to <paramref name="epochs"/> epochs in all (by default the run's own count): the model, the
    /// optimiser's and the schedule's state, every random generator, early stopping's progress and the history are
    /// as they were after the saved epoch, so that <see cref="Fit"/> on the same data gives, bit for bit, what the
    /// uninterrupted run would have (on the same thread count). It keeps saving into <paramref name="path"/>
    /// (<see cref="CheckpointPath"/>).
    /// </summary>
    /// <exception cref="InvalidFileException">The file holds no run's state, or a damaged one.</exception>
    public static Trainer Resume(string path, int? epochs = null) => Resume(ModelFile.Load(path), epochs);

    /// <summary>As <see cref="Resume(string, int?)"/>, from a model file already read.</summary>
    public static Trainer Resume(SavedModel saved, int? epochs = null) => TrainingCheckpoint.Resume(saved, epochs);

    /// <summary>Why <paramref name="train"/> is not the data of the run this trainer goes on with, or null when it is
    /// (or when the trainer resumes nothing).</summary>
    public string? DataConflict(Dataset train) => data?.Conflict(DataFingerprint.Of(train));

    /// <summary>The generator of the batch order for <paramref name="seed"/>. The order has a stream of its own, so
    /// that it does not depend on how many draws the initialisation took; the graph API's <c>NextBatch</c> draws
    /// from the same stream, to deal the same batches.</summary>
    internal static SeededRandom ShuffleRandom(ulong seed) => new(seed ^ 0xBA7C4_5EEDUL);

    /// <summary>The trainer that last took <paramref name="model"/>, if any.</summary>
    internal static Trainer? Of(Sequential model) => TrainerOfModel.TryGetValue(model, out var trainer) ? trainer : null;

    /// <summary>Ends <see cref="Fit"/> once the current epoch is done, as Keras's <c>model.stop_training = True</c>;
    /// call it from the epoch callback.</summary>
    public void Stop() => stopRequested = true;

    /// <summary>
    /// Trains until <see cref="TrainingOptions.Epochs"/> epochs are done in all, early stopping ends the run, or the
    /// epoch callback calls <see cref="Stop"/>; <paramref name="onEpoch"/> gets each epoch's report as it ends (after the
    /// checkpoint is written), <paramref name="onBatch"/> (batches done, batches in the epoch) after every batch.
    /// </summary>
    /// <param name="train">The training set; with a validation fraction, the validation split is held out of it. Its task
    /// chooses the loss: softmax cross-entropy on the logits for classes, mean squared error of the one output for
    /// regression (whose epoch reports then have NaN accuracies).</param>
    /// <param name="test">Evaluated after every epoch, never trained on; null for none. Of the same task as <paramref name="train"/>.</param>
    /// <param name="onEpoch">Called after every epoch.</param>
    /// <param name="onBatch">Called after every batch.</param>
    /// <param name="cancellation">Checked before every batch: when cancelled, training stops there with an
    /// <see cref="OperationCanceledException"/>, and the checkpoint keeps the last completed epoch.</param>
    /// <returns><see cref="History"/>.</returns>
    /// <exception cref="TrainingDivergedException">The loss or a parameter became NaN or infinite.</exception>
    public IReadOnlyList<EpochReport> Fit(Dataset train, Dataset? test = null, Action<EpochReport>? onEpoch = null,
        Action<int, int>? onBatch = null, CancellationToken cancellation = default)
    {
        CheckWidth(train);
        if (test is not null && test.Task != train.Task) throw new ArgumentException($"the test set is a {test.Task} set, the training set a {train.Task} one", nameof(test));
        var fingerprint = DataFingerprint.Of(train);
        if (data?.Conflict(fingerprint) is string conflict) throw new ArgumentException($"not the data of the run this trainer goes on with: {conflict}", nameof(train));
        data = fingerprint;
        var (trainPart, validation) = Split(train);
        stopRequested = false;
        exchange?.BroadcastModel();
        while (!StoppedEarly && !stopRequested && CompletedEpochs < Options.Epochs)
        {
            cancellation.ThrowIfCancellationRequested();
            var report = RunEpoch(trainPart, validation, test, onBatch, cancellation);
            double monitored = validation is null ? report.Loss : report.ValidationLoss;
            Schedule.Observe(report.Epoch - 1, monitored);
            if (earlyStopping is not null && earlyStopping.Observe(report.Epoch, monitored))
            {
                StoppedEarly = true;
                earlyStopping.RestoreBest();
            }
            if (CheckpointPath is not null) Save(CheckpointPath);
            onEpoch?.Invoke(report);
        }
        return history;
    }

    /// <summary>Writes the model file of the run so far (see <see cref="ModelFile"/>) to <paramref name="path"/>, atomically.</summary>
    public void Save(string path)
    {
        var (tensors, checkpoint) = TrainingCheckpoint.Capture(this, new TrainerState(scheduleEpochs, shuffleRandom, earlyStopping, data));
        var metadata = new Dictionary<string, string>(Metadata)
        {
            [ModelFile.TrainingKey] = ModelFile.TrainingEntry(Options, Optimizer, Schedule, Model, trainingLoss.Name),
            [ModelFile.EpochKey] = CompletedEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [ModelFile.HistoryKey] = ModelFile.HistoryEntry(history),
            [ModelFile.DatasetKey] = DataSource,
            [ModelFile.ThreadsKey] = Parallelism.ThreadCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TrainingCheckpoint.Key] = checkpoint,
        };
        ModelFile.Write(path, Model, metadata, tensors);
        if (path == CheckpointPath) SavedEpoch = CompletedEpochs;
    }

    /// <summary>Puts back what a checkpoint saved of the run (see <see cref="TrainingCheckpoint.Resume"/>).</summary>
    internal void Restore(IReadOnlyList<EpochReport> savedHistory, int savedScheduleEpochs, SeededRandom.State shuffleState,
        DataFingerprint? savedData)
    {
        history.AddRange(savedHistory);
        scheduleEpochs = savedScheduleEpochs;
        shuffleRandom.LoadState(shuffleState);
        data = savedData;
        SavedEpoch = CompletedEpochs;
    }

    /// <summary>Puts back early stopping's progress, and whether it had ended the run.</summary>
    internal void RestoreEarlyStopping(int bestEpoch, double bestLoss, int epochsWithoutImprovement, IReadOnlyList<float[]> bestValues, bool stopped)
    {
        earlyStopping!.Restore(bestEpoch, bestLoss, epochsWithoutImprovement, bestValues);
        StoppedEarly = stopped;
    }

    private (Dataset Train, Dataset? Validation) Split(Dataset train)
    {
        if (Options.ValidationFraction == 0) return (train, null);
        var split = ValidationSplit.Stratified(train, Options.ValidationFraction, Options.Seed ^ ValidationStream);
        return (split.Train, split.Validation);
    }

    /// <summary>One pass over <paramref name="train"/>, then the evaluations and the report.</summary>
    private EpochReport RunEpoch(Dataset train, Dataset? validation, Dataset? test, Action<int, int>? onBatch,
        CancellationToken cancellation)
    {
        int epoch = CompletedEpochs + 1;
        Optimizer.LearningRate = Schedule.RateFor(epoch - 1);
        var clock = Stopwatch.StartNew();
        exchange?.ResetClock();
        var sampler = new BatchSampler(train.Count, Options.BatchSize, shuffleRandom);
        sampler.StartEpoch();
        double lossSum = 0;
        for (int index = 0; index < sampler.BatchCount; index++)
        {
            cancellation.ThrowIfCancellationRequested();
            var indices = sampler.Batch(index);
            float batchLoss = TrainBatch(train, indices);
            if (!float.IsFinite(batchLoss)) throw Diverged(epoch, index + 1, "the loss", batchLoss);
            lossSum += batchLoss * (double)indices.Length;
            onBatch?.Invoke(index + 1, sampler.BatchCount);
        }
        // The training loop alone, as the PyTorch reference times it: the accuracies measured after it are not part of it.
        double seconds = clock.Elapsed.TotalSeconds;
        ExchangeSeconds = exchange?.Elapsed.TotalSeconds ?? 0;
        ExchangeWaitSeconds = exchange?.Waiting?.TotalSeconds;
        // A non-finite parameter makes the next batch's loss NaN; after the epoch's last batch, there is no next batch to tell.
        CheckFinite(epoch, sampler.BatchCount);
        double trainAccuracy = LastBatchAccuracy(train, sampler.Batch(sampler.BatchCount - 1));
        double testAccuracy = test is null ? double.NaN : Score(test).Accuracy;
        var (validationLoss, validationAccuracy) = validation is null ? (double.NaN, double.NaN) : Score(validation);
        var report = new EpochReport(epoch, lossSum / Math.Max(1, train.Count), trainAccuracy, testAccuracy,
            seconds, train.Count / Math.Max(seconds, 1e-9), validationLoss, validationAccuracy);
        history.Add(report);
        return report;
    }

    /// <summary>The loss and accuracy of the model on <paramref name="data"/> (for regression: the mean squared error of
    /// the outputs, in the units trained on, and NaN).</summary>
    private (double Loss, double Accuracy) Score(Dataset data)
    {
        if (data.Task == LearningTask.Regression) return (RegressionEvaluation.Run(Model, data).MeanSquaredError, double.NaN);
        var evaluation = Evaluation.Run(Model, data);
        return (evaluation.Loss, evaluation.Accuracy);
    }

    /// <summary>One step of SGD (or the given optimiser) on the samples at <paramref name="indices"/>; returns the batch's mean loss.</summary>
    internal float TrainBatch(Dataset data, ReadOnlySpan<int> indices)
    {
        trainingLoss = TrainingLoss.For(data.Task);
        float value;
        if (exchange is not null)
        {
            // This rank's share of the global batch, weighted by its rows, then the shares' gradients summed and the step
            // taken from the sums (plain SGD's update cannot be fused into the backward pass: it needs the sum).
            var (start, count) = exchange.Share(indices.Length);
            exchange.Begin(count, indices.Length);
            value = 0f;
            if (count > 0) value = Gradients(data, indices.Slice(start, count), exchange.LayerDoneCallback, exchange.GradientScale);
            else Optimizer.ZeroGrad();
            return exchange.Step(value, Optimizer);
        }
        else if (step is not null && Optimizer is Sgd { IsPlain: true } sgd)
        {
            var batch = Buffers(data).Fill(data, indices);
            value = step.RunWithSgd(batch.Inputs.Data, batch.Rows, trainingLoss, batch.Targets, sgd.LearningRate);
            sgd.CountFusedStep();
            return value;
        }
        else value = Gradients(data, indices);
        Optimizer.Step();
        return value;
    }

    /// <summary>Sets every parameter's gradient to that of the mean loss over the samples at <paramref name="indices"/>
    /// times <paramref name="gradientScale"/> (in training mode) and returns the loss; the fast step's backward pass calls
    /// <paramref name="layerDone"/> after each layer.</summary>
    private float Gradients(Dataset data, ReadOnlySpan<int> indices, Action<int>? layerDone = null, float gradientScale = 1f)
    {
        var batch = Buffers(data).Fill(data, indices);
        if (step is not null) return step.Run(batch.Inputs.Data, batch.Rows, trainingLoss, batch.Targets, layerDone, gradientScale);
        Model.IsTraining = true;
        var lossTensor = trainingLoss.Apply(Model.Forward(batch.Inputs), batch.Targets);
        Optimizer.ZeroGrad();
        lossTensor.Backward();
        if (gradientScale != 1f)
            foreach (var parameter in Model.Parameters) TensorPrimitives.Multiply(parameter.Value.GradData(), gradientScale, parameter.Value.GradData());
        return lossTensor.Data[0];
    }

    private void CheckFinite(int epoch, int batch)
    {
        foreach (var parameter in Model.Parameters)
        {
            float largest = TensorPrimitives.MaxMagnitude<float>(parameter.Value.Data);
            if (!float.IsFinite(largest)) throw Diverged(epoch, batch, $"parameter {parameter.Name}", largest);
        }
        foreach (var (name, buffer) in Model.Buffers)
        {
            float largest = TensorPrimitives.MaxMagnitude<float>(buffer.Data);
            if (!float.IsFinite(largest)) throw Diverged(epoch, batch, name, largest);
        }
    }

    private TrainingDivergedException Diverged(int epoch, int batch, string what, float value)
    {
        string file = CheckpointPath is null ? ""
            : SavedEpoch > 0 ? $"; {CheckpointPath} keeps epoch {SavedEpoch}"
            : $"; {CheckpointPath} was not written";
        return new TrainingDivergedException(epoch, batch, what,
            $"training diverged: {what} became {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} at epoch {epoch}, batch {batch}{file}; " +
            $"try a lower learning rate than {Optimizer.LearningRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    /// <summary>The note's "train accuracy": the model, as it is after the epoch, on the epoch's last batch (NaN for regression).</summary>
    private double LastBatchAccuracy(Dataset data, ReadOnlySpan<int> indices)
    {
        if (data.Task == LearningTask.Regression) return double.NaN;
        var batch = Buffers(data).Fill(data, indices);
        using var _ = Autograd.NoGradient();
        using var evaluating = EvaluationMode.Of(Model);
        return Accuracy.Top1(Model.Forward(batch.Inputs), batch.Labels);
    }

    private BatchBuffer Buffers(Dataset data)
    {
        if (batchBuffer is null || batchBuffer.FeatureCount != data.FeatureCount)
            batchBuffer = new BatchBuffer(Options.BatchSize, data.FeatureCount);
        return batchBuffer;
    }

    private void CheckWidth(Dataset data)
    {
        if (Model.InputWidth is int inputs && inputs != data.FeatureCount)
            throw new ArgumentException($"the model takes {inputs} inputs, the data has {data.FeatureCount} features per sample");
        if (data.Task == LearningTask.Regression && Model.OutputWidth is int outputs && outputs != 1)
            throw new ArgumentException($"regression needs a model with one output, this one has {outputs}");
    }
}
