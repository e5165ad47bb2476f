using System.Buffers.Binary;
using Hebb.Tensors;
using static Hebb.Serialization.SafeTensorsFormat;

namespace Hebb.Serialization;

/// <summary>
/// Reads a safetensors file of float32 tensors, checking every field of it. Whatever is wrong with the file is
/// reported as an <see cref="InvalidFileException"/> whose one-line message names the file, the field and the problem.
/// </summary>
public static class SafeTensorsReader
{
    /// <summary>The tensors and metadata of the file at <paramref name="path"/>; bytes that are read are the bytes that are there.</summary>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(stream, path);
    }

    /// <param name="stream">The file's bytes; seekable, its length known.</param>
    /// <param name="path">Names the file in messages.</param>
    internal static SafeTensorsFile Read(Stream stream, string path)
    {
        var json = ReadHeaderJson(path, stream);
        // Every file Hebb writes has a checksum: hashing starts before the header says so, beside the parsing.
        using var checksum = DataSectionChecksum.Start(stream, stream.Position);
        var header = SafeTensorsHeaderParser.Parse(path, json);
        var ordered = DataSectionLayout.Arrange(path, header.Entries, stream.Length - stream.Position);
        var tensors = ReadTensors(stream, ordered);
        if (header.Metadata.TryGetValue(ChecksumKey, out var expected))
            CheckChecksum(path, expected, checksum.LowercaseHex());
        return new SafeTensorsFile(path, tensors, header.Metadata);
    }

    private static byte[] ReadHeaderJson(string path, Stream stream)
    {
        if (stream.Length < HeaderLengthBytes)
            throw new InvalidFileException(path, "header length", $"expected a file of at least {HeaderLengthBytes} bytes, found {stream.Length}");
        Span<byte> lengthBytes = stackalloc byte[HeaderLengthBytes];
        stream.ReadExactly(lengthBytes);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        // Any other file read as safetensors fails here, its first 8 bytes giving a length no header has: say so plainly.
        if (headerLength == 0 || headerLength > MaxHeaderBytes)
            throw new InvalidFileException(path, "header length",
                $"not a safetensors file: its first 8 bytes give a header length of {headerLength}, expected 1 to {MaxHeaderBytes} bytes");
        long following = stream.Length - HeaderLengthBytes;
        if ((long)headerLength > following)
            throw new InvalidFileException(path, "header length",
                $"not a safetensors file, or a truncated one: the header needs {headerLength} bytes, but only {following} follow the length");
        var json = new byte[headerLength];
        stream.ReadExactly(json);
        return json;
    }

    private static List<KeyValuePair<string, Tensor>> ReadTensors(Stream stream, SafeTensorsEntry[] ordered)
    {
        var tensors = new List<KeyValuePair<string, Tensor>>(ordered.Length);
        foreach (var entry in ordered)
        {
            var data = new float[entry.ElementCount];
            LittleEndianFloats.Read(stream, data);
            tensors.Add(new(entry.Name, new Tensor(data, entry.Shape)));
        }
        return tensors;
    }

    private static void CheckChecksum(string path, string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
            throw new InvalidFileException(path, $"{MetadataKey}.{ChecksumKey}",
                $"checksum mismatch: header says {expected}, data hashes to {actual}");
    }
}
