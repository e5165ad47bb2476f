using System.Security.Cryptography;
using Hebb.Tensors;
using static Hebb.Serialization.SafeTensorsFormat;

namespace Hebb.Serialization;

/// <summary>
/// Writes float32 tensors as a safetensors file that Python's <c>safetensors</c> loads. Hebb adds the SHA-256 of
/// the data section to the metadata under <c>hebb.sha256</c>, which <see cref="SafeTensorsReader"/> checks.
/// </summary>
public static class SafeTensorsWriter
{
    private const int ChecksumHexLength = 2 * SHA256.HashSizeInBytes;

    /// <summary>
    /// Writes <paramref name="tensors"/> in the given order. The file at <paramref name="path"/> is replaced whole
    /// or not at all: the new one is written beside it, flushed to disk, then moved over it.
    /// </summary>
    public static void Write(
        string path,
        IReadOnlyList<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        // One snapshot serves the checks, the header and the data, so that all three describe the same tensors.
        var entries = tensors.ToArray();
        CheckTensors(entries);
        var sortedMetadata = SortedMetadata(metadata);
        AtomicFile.Write(path, stream => WriteContent(stream, entries, sortedMetadata));
    }

    private static void WriteContent(
        Stream stream,
        KeyValuePair<string, Tensor>[] tensors,
        KeyValuePair<string, string>[] metadata)
    {
        // The header precedes the data it holds the checksum of: a placeholder of the same length keeps its place
        // while the data is written and hashed, then the header is written again with the real checksum.
        var placeholder = new string('0', ChecksumHexLength);
        stream.Write(SafeTensorsHeaderEncoder.Encode(tensors, metadata, placeholder));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (_, tensor) in tensors)
            LittleEndianFloats.Write(stream, tensor.Data, hash);
        var checksum = Convert.ToHexStringLower(hash.GetHashAndReset());
        stream.Position = 0;
        stream.Write(SafeTensorsHeaderEncoder.Encode(tensors, metadata, checksum));
    }

    private static void CheckTensors(KeyValuePair<string, Tensor>[] tensors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("a tensor name is empty", nameof(tensors));
            if (name == MetadataKey)
                throw new ArgumentException($"the tensor name '{name}' is reserved for the file's metadata", nameof(tensors));
            if (tensor is null)
                throw new ArgumentException($"tensor '{name}' is null", nameof(tensors));
            if (!names.Add(name))
                throw new ArgumentException($"the tensor name '{name}' appears twice", nameof(tensors));
        }
    }

    private static KeyValuePair<string, string>[] SortedMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null) return [];
        foreach (var (key, value) in metadata)
        {
            if (key.StartsWith(ChecksumKey, StringComparison.Ordinal))
                throw new ArgumentException($"the metadata key '{key}' is reserved for the data checksum Hebb writes", nameof(metadata));
            if (value is null)
                throw new ArgumentException($"the metadata value of '{key}' is null", nameof(metadata));
        }
        // Sorted so that the same tensors and metadata always give the same bytes, whatever the dictionary's order.
        return metadata.OrderBy(entry => entry.Key, StringComparer.Ordinal).ToArray();
    }
}
