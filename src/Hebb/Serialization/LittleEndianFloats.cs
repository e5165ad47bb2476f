using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Hebb.Serialization;

/// <summary>
/// Moves float32 values between memory and a little-endian byte stream, hashing the bytes written as they pass
/// (a reader hashes the file's data section apart: <see cref="DataSectionChecksum"/>). On a
/// little-endian machine (nearly every machine) the floats' own memory is written and read in place, with no copy.
/// </summary>
internal static class LittleEndianFloats
{
    // A big-endian machine converts through a buffer of this many floats, whatever the tensor's size.
    private const int ChunkFloats = 16 * 1024;

    public static void Write(Stream stream, ReadOnlySpan<float> values, IncrementalHash hash)
    {
        if (BitConverter.IsLittleEndian)
        {
            WriteAndHash(stream, MemoryMarshal.AsBytes(values), hash);
            return;
        }
        var source = MemoryMarshal.Cast<float, uint>(values);
        var swapped = new uint[Math.Min(source.Length, ChunkFloats)];
        for (int start = 0; start < source.Length; start += ChunkFloats)
        {
            var chunk = swapped.AsSpan(0, Math.Min(ChunkFloats, source.Length - start));
            BinaryPrimitives.ReverseEndianness(source.Slice(start, chunk.Length), chunk);
            WriteAndHash(stream, MemoryMarshal.AsBytes(chunk), hash);
        }
    }

    /// <summary>Fills <paramref name="values"/> from the stream, which must hold enough bytes.</summary>
    public static void Read(Stream stream, Span<float> values)
    {
        stream.ReadExactly(MemoryMarshal.AsBytes(values));
        if (!BitConverter.IsLittleEndian)
        {
            var words = MemoryMarshal.Cast<float, uint>(values);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }

    private static void WriteAndHash(Stream stream, ReadOnlySpan<byte> bytes, IncrementalHash hash)
    {
        stream.Write(bytes);
        hash.AppendData(bytes);
    }
}
