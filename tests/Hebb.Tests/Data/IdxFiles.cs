using System.Buffers.Binary;
using System.IO.Compression;

namespace Hebb.Tests.Data;

/// <summary>Builds IDX file contents, valid or deliberately broken, and writes them plain or gzipped.</summary>
internal static class IdxFiles
{
    public const int ImagesMagic = 2051;
    public const int LabelsMagic = 2049;

    public static byte[] Content(int magic, int[] dimensions, byte[] body)
    {
        var content = new byte[4 * (1 + dimensions.Length) + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(content, magic);
        for (int axis = 0; axis < dimensions.Length; axis++)
            BinaryPrimitives.WriteInt32BigEndian(content.AsSpan(4 + 4 * axis), dimensions[axis]);
        body.CopyTo(content, 4 * (1 + dimensions.Length));
        return content;
    }

    public static byte[] Images(int count, int rows, int columns, byte[] pixels) =>
        Content(ImagesMagic, [count, rows, columns], pixels);

    public static byte[] Labels(byte[] labels) => Content(LabelsMagic, [labels.Length], labels);

    /// <summary>Pixel bytes that differ from image to image and from place to place.</summary>
    public static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 3)).ToArray();

    public static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal)) gzip.Write(content);
        return compressed.ToArray();
    }

    public static string Write(string path, byte[] content, bool gzip)
    {
        File.WriteAllBytes(path, gzip ? Gzip(content) : content);
        return path;
    }
}
