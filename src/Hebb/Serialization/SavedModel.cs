using System.Text.Json;
using Hebb.Data.Tables;
using Hebb.Layers;
using Hebb.Tensors;
using Hebb.Training;

namespace Hebb.Serialization;

/// <summary>A model read back from a file, with the file's metadata (architecture, training settings,
/// history, checksum) as stored.</summary>
public sealed record SavedModel(string Path, Sequential Model, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>A <see cref="Inference.Predictor"/> for the model: <c>ModelFile.Load(path).CreatePredictor().Predict(pixels)</c>.</summary>
    public Inference.Predictor CreatePredictor(int maxBatch = Inference.Predictor.DefaultMaxBatch) => Model.CreatePredictor(maxBatch);

    /// <summary>How a table model's raw rows become its inputs and its outputs the target's values (the file's
    /// <c>hebb.table</c>, checked against the model on load); null for a model not trained on a table. A service turns one
    /// raw row into a feature row with <see cref="TableSchema.Encode(IReadOnlyDictionary{string, string}, Span{float})"/>.</summary>
    public TableSchema? Table { get; init; }

    /// <summary>The tensors of the run's state beside the model's (the optimiser's buffers, early stopping's best
    /// weights) that a trainer's checkpoint holds, by name.</summary>
    internal IReadOnlyDictionary<string, Tensor> RunTensors { get; init; } = new Dictionary<string, Tensor>();

    /// <summary>The run-state tensor called <paramref name="name"/>; a file without it is not a complete checkpoint.</summary>
    internal Tensor RunTensor(string name) => RunTensors.TryGetValue(name, out var tensor)
        ? tensor
        : throw new InvalidFileException(Path, "tensors", $"no tensor '{name}', which the run's state needs");

    /// <summary>Fails with a clear message, naming the data, when its samples do not fit the model's first layer.</summary>
    public void CheckInputs(int features, string dataSource)
    {
        int inputs = Model.InputWidth ?? features;
        if (inputs != features)
            throw new InvalidFileException(dataSource, "features per sample",
                $"expected {inputs}, the inputs of model {Path}, found {features}");
    }

    /// <summary>The per-epoch history <c>hebb train</c> keeps in the file (<c>hebb.history</c>), read back as written.</summary>
    public IReadOnlyList<EpochReport> History()
    {
        const string field = $"__metadata__.{ModelFile.HistoryKey}";
        if (!Metadata.TryGetValue(ModelFile.HistoryKey, out var json))
            throw new InvalidFileException(Path, field, "missing; expected the per-epoch history that 'hebb train' writes");
        List<EpochReport>? epochs;
        try { epochs = JsonSerializer.Deserialize(json, ModelFileJson.Default.ListEpochReport); }
        catch (JsonException error)
        {
            throw new InvalidFileException(Path, field,
                $"expected a JSON list of epochs, each with epoch, loss, train_accuracy, test_accuracy, seconds and samples_per_second; {error.Message}");
        }
        // A JSON null, as the list or as an epoch, deserializes without complaint.
        if (epochs is null || epochs.Count == 0 || epochs.Any(epoch => epoch is null))
            throw new InvalidFileException(Path, field, "expected a non-empty JSON list of epochs");
        return epochs;
    }
}
