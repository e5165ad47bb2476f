using System.Globalization;
using System.Text.Json;
using Hebb.Activations;
using Hebb.Layers;
using Hebb.Tensors;

namespace Hebb.Serialization;

/// <summary>
/// A <see cref="Sequential"/> of dense layers as a <c>.safetensors</c> file: each parameter under its
/// scoped name (<c>hidden1/weights</c> [inputs, outputs], <c>hidden1/biases</c> [outputs]), and in
/// <c>__metadata__</c> the architecture, the training settings, the epoch and the per-epoch history, all
/// as JSON strings (safetensors metadata holds strings only).
/// </summary>
public static class ModelFile
{
    public const string Format = "hebb.sequential.v1";
    internal const string FormatKey = "format";
    internal const string ArchitectureKey = "hebb.architecture";
    internal const string TrainingKey = "hebb.training";
    internal const string EpochKey = "hebb.epoch";
    internal const string HistoryKey = "hebb.history";
    internal const string DatasetKey = "hebb.dataset";
    internal const string ThreadsKey = "hebb.threads";


    /// <summary>Writes atomically: a failure leaves whatever was at <paramref name="path"/> untouched.</summary>
    public static void Save(string path, Sequential model, ModelInfo info)
    {
        var dense = DenseLayers(model);
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = Format,
            [ArchitectureKey] = JsonSerializer.Serialize(
                dense.Select(l => new LayerRecord(l.Name, "dense", l.Inputs, l.Outputs, l.Activation.Name)).ToList(),
                ModelFileJson.Default.ListLayerRecord),
            [TrainingKey] = JsonSerializer.Serialize(new TrainingRecord(
                "sgd", info.Training.LearningRate, info.Training.BatchSize, info.Training.Epochs, info.Training.Seed,
                "softmax_cross_entropy", dense[0].Initializer?.Name), ModelFileJson.Default.TrainingRecord),
            [EpochKey] = info.Epochs.ToString(CultureInfo.InvariantCulture),
            [HistoryKey] = JsonSerializer.Serialize(info.History.ToList(), ModelFileJson.Default.ListEpochReport),
            [DatasetKey] = info.Dataset,
            [ThreadsKey] = info.Threads.ToString(CultureInfo.InvariantCulture),
        };
        var tensors = model.Parameters.Select(p => new KeyValuePair<string, Tensor>(p.Name, p.Value)).ToList();
        SafeTensorsWriter.Write(path, tensors, metadata);
    }

    public static SavedModel Load(string path)
    {
        var file = SafeTensorsReader.Read(path);
        string format = Required(file, FormatKey);
        if (format != Format)
            throw new InvalidFileException(path, $"__metadata__.{FormatKey}", $"expected '{Format}', found '{format}'");
        var records = ParseArchitecture(file);
        var layers = new Layer[records.Count];
        var read = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        int width = records[0].Inputs;
        for (int i = 0; i < records.Count; i++)
        {
            var record = records[i];
            string field = $"__metadata__.{ArchitectureKey} layer {i} ('{record.Name}')";
            if (record.Type != "dense") throw new InvalidFileException(path, field, $"expected type 'dense', found '{record.Type}'");
            if (record.Inputs != width || record.Inputs < 1 || record.Outputs < 1)
                throw new InvalidFileException(path, field, $"expected {width} inputs and at least one output, found {record.Inputs} => {record.Outputs}");
            if (!names.Add(record.Name))
                throw new InvalidFileException(path, field, "expected each layer name once, found it on an earlier layer too");
            var weights = Parameter(file, read, $"{record.Name}/weights", record.Inputs, record.Outputs);
            var biases = Parameter(file, read, $"{record.Name}/biases", record.Outputs);
            Activation activation;
            try { activation = Activation.Parse(record.Activation); }
            catch (ArgumentException error) { throw new InvalidFileException(path, field + " activation", error.Message); }
            layers[i] = new Dense(weights, biases, activation, record.Name);
            width = record.Outputs;
        }
        CheckNoUnreadTensors(file, read, layers.Length);
        return new SavedModel(path, new Sequential(layers), file.Metadata);
    }

    // By name rather than by count, so that the message says which tensors are extra.
    private static void CheckNoUnreadTensors(SafeTensorsFile file, HashSet<string> read, int layerCount)
    {
        var unread = file.Tensors.Select(entry => entry.Key).Where(name => !read.Contains(name)).ToList();
        if (unread.Count > 0)
            throw new InvalidFileException(file.Path, "tensors",
                $"expected only the {read.Count} tensors of the architecture's {layerCount} layers, found {unread.Count} more: {string.Join(", ", unread.Select(name => $"'{name}'"))}");
    }

    private static List<LayerRecord> ParseArchitecture(SafeTensorsFile file)
    {
        string json = Required(file, ArchitectureKey);
        List<LayerRecord>? records;
        try { records = JsonSerializer.Deserialize(json, ModelFileJson.Default.ListLayerRecord); }
        catch (JsonException error)
        {
            throw new InvalidFileException(file.Path, $"__metadata__.{ArchitectureKey}", $"expected a JSON list of layers, {error.Message}");
        }
        if (records is null || records.Count == 0 || records.Any(r => r is null || r.Name is null || r.Type is null || r.Activation is null))
            throw new InvalidFileException(file.Path, $"__metadata__.{ArchitectureKey}", "expected a non-empty list of layers, each with name, type, inputs, outputs and activation");
        return records;
    }

    private static Tensor Parameter(SafeTensorsFile file, HashSet<string> read, string name, params int[] shape)
    {
        var tensor = file[name];
        read.Add(name);
        if (!tensor.Shape.SequenceEqual(shape))
            throw new InvalidFileException(file.Path, $"tensor '{name}' shape", $"expected {Tensor.ShapeText(shape)} from the architecture, found {tensor.ShapeString}");
        return tensor;
    }

    private static string Required(SafeTensorsFile file, string key) =>
        file.Metadata.TryGetValue(key, out var value)
            ? value
            : throw new InvalidFileException(file.Path, $"__metadata__.{key}", "missing; expected a file written by 'hebb train'");

    private static List<Dense> DenseLayers(Sequential model)
    {
        var dense = model.Layers.OfType<Dense>().ToList();
        if (dense.Count != model.Layers.Count)
            throw new NotSupportedException("a model file holds dense layers only; this model has other kinds");
        return dense;
    }
}
