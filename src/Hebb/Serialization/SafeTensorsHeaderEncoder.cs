using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hebb.Tensors;
using static Hebb.Serialization.SafeTensorsFormat;

namespace Hebb.Serialization;

/// <summary>Encodes everything that precedes the data section: the header's length, its JSON and the padding.</summary>
internal static class SafeTensorsHeaderEncoder
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // The header is read by JSON parsers, never embedded in HTML, so names such as 'hidden1/weights' stay
        // legible in the file instead of turning into \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The header for <paramref name="tensors"/> laid out one after another in the given order, with
    /// <paramref name="metadata"/> followed by the data checksum in <c>__metadata__</c>.
    /// </summary>
    public static byte[] Encode(
        IReadOnlyList<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyList<KeyValuePair<string, string>> metadata,
        string checksum)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json, JsonOptions))
        {
            writer.WriteStartObject();
            WriteMetadata(writer, metadata, checksum);
            long begin = 0;
            foreach (var (name, tensor) in tensors)
            {
                long end = begin + (long)tensor.Length * Float32Bytes;
                WriteTensorEntry(writer, name, tensor, begin, end);
                begin = end;
            }
            writer.WriteEndObject();
        }
        int paddedLength = (json.WrittenCount + Alignment - 1) / Alignment * Alignment;
        var header = new byte[HeaderLengthBytes + paddedLength];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)paddedLength);
        json.WrittenSpan.CopyTo(header.AsSpan(HeaderLengthBytes));
        header.AsSpan(HeaderLengthBytes + json.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void WriteMetadata(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string>> metadata, string checksum)
    {
        writer.WriteStartObject(MetadataKey);
        foreach (var (key, value) in metadata)
            writer.WriteString(key, value);
        writer.WriteString(ChecksumKey, checksum);
        writer.WriteEndObject();
    }

    private static void WriteTensorEntry(Utf8JsonWriter writer, string name, Tensor tensor, long begin, long end)
    {
        writer.WriteStartObject(name);
        writer.WriteString("dtype", Float32);
        writer.WriteStartArray("shape");
        foreach (var dimension in tensor.Shape)
            writer.WriteNumberValue(dimension);
        writer.WriteEndArray();
        writer.WriteStartArray("data_offsets");
        writer.WriteNumberValue(begin);
        writer.WriteNumberValue(end);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
