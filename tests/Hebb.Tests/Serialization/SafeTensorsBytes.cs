using System.Buffers.Binary;
using System.Text;

namespace Hebb.Tests.Serialization;

/// <summary>Builds safetensors files by hand, so that tests can write what Hebb's writer never would.</summary>
internal static class SafeTensorsBytes
{
    /// <summary>The header length, the header JSON as given (unpadded), then <paramref name="data"/>.</summary>
    public static byte[] Build(string headerJson, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(headerJson);
        return [.. LengthPrefix((ulong)json.Length), .. json, .. data];
    }

    public static int HeaderLengthOf(byte[] file) => (int)BinaryPrimitives.ReadUInt64LittleEndian(file);

    public static string HeaderOf(byte[] file) => Encoding.UTF8.GetString(file, 8, HeaderLengthOf(file));

    public static byte[] DataSectionOf(byte[] file) => file[(8 + HeaderLengthOf(file))..];

    public static byte[] LengthPrefix(ulong headerLength)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, headerLength);
        return bytes;
    }

    /// <summary>A header holding one tensor entry "w", with the given JSON for its fields.</summary>
    public static string OneTensorHeader(string dtype = "\"F32\"", string shape = "[2]", string offsets = "[0, 8]") =>
        Header(Entry("w", shape, offsets, dtype));

    public static string Header(params string[] entries) => "{" + string.Join(", ", entries) + "}";

    /// <summary>One tensor's entry of a header, with the given JSON for its fields.</summary>
    public static string Entry(string name, string shape, string offsets, string dtype = "\"F32\"") =>
        $$$"""
        "{{{name}}}": {"dtype": {{{dtype}}}, "shape": {{{shape}}}, "data_offsets": {{{offsets}}}}
        """;
}
