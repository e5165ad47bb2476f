using System.Globalization;
using System.Text.Json;
using Hebb.Activations;
using Hebb.Data.Tables;
using Hebb.Layers;
using Hebb.Optimizers;
using Hebb.Schedules;
using Hebb.Tensors;
using Hebb.Training;

namespace Hebb.Serialization;

/// <summary>
/// A <see cref="Sequential"/> of dense, batch normalization and dropout layers as a <c>.safetensors</c> file: each
/// parameter under its scoped name (<c>hidden1/weights</c> [inputs, outputs], <c>hidden1/biases</c> [outputs],
/// <c>hidden1_batch_norm/gamma</c>, <c>…/beta</c> [features]) with the running statistics beside them
/// (<c>hidden1_batch_norm/running_mean</c>, <c>…/running_var</c>), and in
/// <c>__metadata__</c> the architecture, the training settings, the epoch and the per-epoch history, all
/// as JSON strings (safetensors metadata holds strings only).
/// </summary>
public static class ModelFile
{
    /// <summary>The value of <c>__metadata__.format</c> in every model file Hebb writes; <see cref="Load(string)"/> refuses any other.</summary>
    public const string Format = "hebb.sequential.v1";
    /// <summary>The metadata key of the format name.</summary>
    internal const string FormatKey = "format";
    internal const string ArchitectureKey = "hebb.architecture";
    internal const string TrainingKey = "hebb.training";
    internal const string EpochKey = "hebb.epoch";
    internal const string HistoryKey = "hebb.history";
    internal const string DatasetKey = "hebb.dataset";
    internal const string ThreadsKey = "hebb.threads";

    /// <summary>Whether <paramref name="key"/> is an entry the model file writes itself (rather than one its writer added).</summary>
    internal static bool IsOwnKey(string key) =>
        key is FormatKey or ArchitectureKey or TrainingKey or EpochKey or HistoryKey or DatasetKey or ThreadsKey or TrainingCheckpoint.Key
        || key.StartsWith(SafeTensorsFormat.ChecksumKey, StringComparison.Ordinal);


    /// <summary>
    /// Writes <paramref name="model"/> atomically (a failure leaves whatever was at <paramref name="path"/> untouched),
    /// with what is known about its run: when a <see cref="Trainer"/> trained it, everything that trainer's
    /// <see cref="Trainer.Save"/> writes (settings, history, and the run's state for <see cref="Trainer.Resume(string, int?)"/>);
    /// otherwise the architecture and the weights alone.
    /// </summary>
    public static void Save(string path, Sequential model)
    {
        if (Trainer.Of(model) is { } trainer) trainer.Save(path);
        else Write(path, model, new Dictionary<string, string>(), []);
    }

    /// <summary>Writes atomically, with the run described by <paramref name="info"/> rather than by a trainer (a model
    /// whose history was edited, or imported): its settings, history, data and thread count, but no run state to resume;
    /// the loss recorded is softmax cross-entropy (a regression model is saved by its trainer).</summary>
    public static void Save(string path, Sequential model, ModelInfo info)
    {
        var options = info.Training;
        var metadata = new Dictionary<string, string>
        {
            [TrainingKey] = TrainingEntry(options, options.Optimizer.Create(model.Parameters),
                options.Schedule.Create(options.Optimizer.LearningRate, options.Epochs), model, Losses.TrainingLoss.SoftmaxCrossEntropy.Name),
            [EpochKey] = info.Epochs.ToString(CultureInfo.InvariantCulture),
            [HistoryKey] = HistoryEntry(info.History),
            [DatasetKey] = info.Dataset,
            [ThreadsKey] = info.Threads.ToString(CultureInfo.InvariantCulture),
        };
        Write(path, model, metadata, []);
    }

    /// <summary>The model's tensors, then <paramref name="runTensors"/>, with <paramref name="metadata"/> and the format and
    /// architecture entries.</summary>
    internal static void Write(string path, Sequential model, IReadOnlyDictionary<string, string> metadata,
        IEnumerable<KeyValuePair<string, Tensor>> runTensors)
    {
        var entries = new Dictionary<string, string>(metadata)
        {
            [FormatKey] = Format,
            [ArchitectureKey] = JsonSerializer.Serialize(Architecture(model), ModelFileJson.Default.ListLayerRecord),
        };
        var tensors = model.Parameters.Select(p => new KeyValuePair<string, Tensor>(p.Name, p.Value)).Concat(model.Buffers).Concat(runTensors).ToList();
        SafeTensorsWriter.Write(path, tensors, entries);
    }

    /// <summary>The <c>hebb.training</c> entry: what was really used — the optimiser and its settings, the schedule and
    /// its settings, the loss, the layers, the batch size, epochs, seed, validation and early stopping.</summary>
    internal static string TrainingEntry(TrainingOptions options, IOptimizer optimizer, ILearningRateSchedule schedule, Sequential model, string loss) =>
        JsonSerializer.Serialize(new TrainingRecord(
            optimizer.Name, options.Optimizer.LearningRate, options.BatchSize, options.Epochs, options.Seed,
            loss, model.Layers.OfType<Dense>().FirstOrDefault()?.Initializer?.Name,
            new Dictionary<string, double>(optimizer.Settings), schedule.Name, new Dictionary<string, double>(schedule.Settings),
            options.ValidationFraction, options.EarlyStoppingPatience, model.ToString()), ModelFileJson.Default.TrainingRecord);

    /// <summary>The <c>hebb.history</c> entry.</summary>
    internal static string HistoryEntry(IEnumerable<EpochReport> history) =>
        JsonSerializer.Serialize(history.ToList(), ModelFileJson.Default.ListEpochReport);

    /// <summary>Reads a model file written by <see cref="Save(string, Sequential)"/> (or <c>hebb train</c>): the network with its weights, and what
    /// was recorded about its training.</summary>
    /// <exception cref="InvalidFileException">The file is not a Hebb model file, or is damaged: the message names the file, the field and what was expected.</exception>
    public static SavedModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Load(stream, path);
    }

    /// <param name="stream">The model file's bytes; seekable, its length known.</param>
    /// <param name="path">Names the file in messages.</param>
    internal static SavedModel Load(Stream stream, string path)
    {
        var file = SafeTensorsReader.Read(stream, path);
        string format = Required(file, FormatKey);
        if (format != Format)
            throw new InvalidFileException(path, $"__metadata__.{FormatKey}", $"expected '{Format}', found '{InvalidFileException.Echo(format)}'");
        var records = ArchitectureParser.Parse(path, $"__metadata__.{ArchitectureKey}", Required(file, ArchitectureKey));
        var layers = new Layer[records.Count];
        var read = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        int width = records[0].Inputs;
        for (int i = 0; i < records.Count; i++)
        {
            var record = records[i];
            string field = $"__metadata__.{ArchitectureKey} layer {i} ('{InvalidFileException.Echo(record.Name)}')";
            if (record.Inputs != width || record.Inputs < 1 || record.Outputs < 1)
                throw new InvalidFileException(path, field, $"expected {width} inputs and at least one output, found {record.Inputs} => {record.Outputs}");
            if (!names.Add(record.Name))
                throw new InvalidFileException(path, field, "expected each layer name once, found it on an earlier layer too");
            Activation activation;
            try { activation = Activation.Parse(record.Activation); }
            catch (ArgumentException error) { throw new InvalidFileException(path, field + " activation", error.Message); }
            layers[i] = record.Type switch
            {
                "dense" => new Dense(Parameter(file, read, $"{record.Name}/weights", record.Inputs, record.Outputs),
                    Parameter(file, read, $"{record.Name}/biases", record.Outputs), activation, record.Name),
                "batch_norm" when record.Outputs == record.Inputs => new BatchNorm(
                    Parameter(file, read, $"{record.Name}/gamma", record.Inputs), Parameter(file, read, $"{record.Name}/beta", record.Inputs),
                    Parameter(file, read, $"{record.Name}/running_mean", record.Inputs), Parameter(file, read, $"{record.Name}/running_var", record.Inputs),
                    activation, record.Name),
                // The masks' generator is seeded anew; a checkpoint restores the state it had (see Training.TrainingCheckpoint).
                "dropout" when record.Outputs == record.Inputs && record.Rate is >= 0f and < 1f && activation == Activation.Identity =>
                    new Dropout(record.Rate.Value, new SeededRandom((ulong)i), record.Name),
                "dense" or "batch_norm" or "dropout" => throw new InvalidFileException(path, field,
                    $"expected a {record.Type} layer as 'hebb train' writes it (as many outputs as inputs; a dropout rate in [0, 1) and no activation), found {record.Inputs} => {record.Outputs}, activation '{InvalidFileException.Echo(record.Activation)}', rate {record.Rate?.ToString(CultureInfo.InvariantCulture) ?? "none"}"),
                _ => throw new InvalidFileException(path, field, $"expected type 'dense', 'batch_norm' or 'dropout', found '{InvalidFileException.Echo(record.Type)}'"),
            };
            width = record.Outputs;
        }
        var runTensors = RunTensors(file);
        read.UnionWith(runTensors.Keys);
        CheckNoUnreadTensors(file, read, layers.Length);
        var table = file.Metadata.TryGetValue(TableSchema.Key, out var schema) ? TableSchema.FromJson(schema, path, records[0].Inputs, width) : null;
        return new SavedModel(path, new Sequential(layers), file.Metadata) { RunTensors = runTensors, Table = table };
    }

    // The loops of Load and of the methods below are loops rather than LINQ: LINQ's generic code over the file's
    // (name, tensor) pairs is compiled at run time, at every start of a one-shot 'hebb predict'.

    /// <summary>The tensors of a checkpoint's run state (<see cref="TrainingCheckpoint.TensorPrefixes"/>), by name.</summary>
    private static Dictionary<string, Tensor> RunTensors(SafeTensorsFile file)
    {
        var runTensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in file.Tensors)
            foreach (var prefix in TrainingCheckpoint.TensorPrefixes)
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    runTensors.Add(name, tensor);
                    break;
                }
        return runTensors;
    }

    // By name rather than by count, so that the message says which tensors are extra.
    private static void CheckNoUnreadTensors(SafeTensorsFile file, HashSet<string> read, int layerCount)
    {
        var unread = new List<string>();
        foreach (var (name, _) in file.Tensors)
            if (!read.Contains(name)) unread.Add(name);
        if (unread.Count > 0)
            throw new InvalidFileException(file.Path, "tensors",
                $"expected only the {read.Count} tensors of the architecture's {layerCount} layers, found {unread.Count} more: {InvalidFileException.Echo(string.Join(", ", unread.Select(name => $"'{name}'")))}");
    }

    private static Tensor Parameter(SafeTensorsFile file, HashSet<string> read, string name, params int[] shape)
    {
        var tensor = file[name];
        read.Add(name);
        if (!SameShape(tensor.Shape, shape))
            throw new InvalidFileException(file.Path, $"tensor '{name}' shape", $"expected {Tensor.ShapeText(shape)} from the architecture, found {tensor.ShapeString}");
        // A NaN or infinite weight makes every prediction NaN, which argmax would turn into class 0 without a word.
        int nonFinite = FirstNonFinite(tensor.Data);
        if (nonFinite >= 0)
            throw new InvalidFileException(file.Path, $"tensor '{name}'",
                $"expected finite numbers, found {tensor.Data[nonFinite].ToString(CultureInfo.InvariantCulture)} at element {nonFinite} (a model whose training diverged?)");
        return tensor;
    }

    private static bool SameShape(IReadOnlyList<int> found, int[] expected)
    {
        if (found.Count != expected.Length) return false;
        for (int axis = 0; axis < expected.Length; axis++)
            if (found[axis] != expected[axis]) return false;
        return true;
    }

    private static int FirstNonFinite(float[] values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i])) return i;
        return -1;
    }

    private static string Required(SafeTensorsFile file, string key) =>
        file.Metadata.TryGetValue(key, out var value)
            ? value
            : throw new InvalidFileException(file.Path, $"__metadata__.{key}", "missing; expected a file written by 'hebb train'");

    private static List<LayerRecord> Architecture(Sequential model)
    {
        int width = model.InputWidth ?? throw new NotSupportedException("a model file holds a model whose input width is known");
        var records = new List<LayerRecord>();
        foreach (var layer in model.Layers)
        {
            int outputs = ((IKernelLayer)layer).OutputWidth(width);
            records.Add(layer switch
            {
                Dense dense => new LayerRecord(dense.Name, dense.Kind, width, outputs, dense.Activation.Name),
                BatchNorm norm => new LayerRecord(norm.Name, norm.Kind, width, outputs, norm.Activation.Name),
                Dropout dropout => new LayerRecord(dropout.Name, dropout.Kind, width, outputs, Activation.Identity.Name, dropout.Rate),
                _ => throw new NotSupportedException($"a model file holds dense, batch_norm and dropout layers; layer '{layer.Name}' is a {layer.Kind}"),
            });
            width = outputs;
        }
        return records;
    }
}
