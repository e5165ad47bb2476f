using Hebb.Layers;

namespace Hebb.Serialization;

/// <summary>A model read back from a file, with the file's metadata (architecture, training settings,
/// history, checksum) as stored.</summary>
public sealed record SavedModel(string Path, Sequential Model, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Fails with a clear message, naming the data, when its samples do not fit the model's first layer.</summary>
    public void CheckInputs(int features, string dataSource)
    {
        int inputs = ((Dense)Model.Layers[0]).Inputs;
        if (inputs != features)
            throw new InvalidFileException(dataSource, "features per sample",
                $"expected {inputs}, the inputs of model {Path}, found {features}");
    }
}
