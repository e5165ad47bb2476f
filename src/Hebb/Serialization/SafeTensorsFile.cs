using Hebb.Tensors;

namespace Hebb.Serialization;

/// <summary>What <see cref="SafeTensorsReader"/> read: the tensors in the order their data lies in the file, and the metadata.</summary>
public sealed class SafeTensorsFile
{
    private readonly Dictionary<string, Tensor> tensorsByName;

    /// <summary>The file that was read, as given.</summary>
    public string Path { get; }
    /// <summary>Every tensor under its name, in the order their bytes lie in the data section.</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c>, including the <c>hebb.sha256</c> checksum in files Hebb wrote.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    internal SafeTensorsFile(string path, IReadOnlyList<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        Tensors = tensors;
        Metadata = metadata;
        // A loop, not ToDictionary: LINQ's generic code over these pairs is not compiled ahead of time, and compiling it
        // at run time costs a one-shot 'hebb predict' more than reading the model does.
        tensorsByName = new Dictionary<string, Tensor>(tensors.Count, StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors) tensorsByName.Add(name, tensor);
    }

    /// <summary>The tensor called <paramref name="name"/>. A file without it is not the file its reader expected, hence an <see cref="InvalidFileException"/>.</summary>
    public Tensor this[string name] => tensorsByName.TryGetValue(name, out var tensor)
        ? tensor
        : throw new InvalidFileException(Path, "tensors", $"no tensor '{InvalidFileException.Echo(name)}' among the {Tensors.Count} the file holds");
}
