using System.Buffers.Binary;
using System.IO.Compression;

namespace Hebb.Data;

/// <summary>
/// Reads the IDX files MNIST is distributed in, plain or gzip-compressed (recognised by the gzip magic
/// bytes, not by the file name, because downloads are often renamed or decompressed on the way).
/// Every way a file can be wrong is reported as an <see cref="InvalidFileException"/>.
/// </summary>
public static class IdxReader
{
    // IDX magic = 0x00 0x00, element type (0x08 = unsigned byte), number of dimensions.
    private const int ImagesMagic = 0x0803;
    private const int LabelsMagic = 0x0801;
    /// <summary>A megapixel per image: far above any data set this reader is for, and a bound on what one item's claim can cost.</summary>
    private const int MaxPixelsPerImage = 1 << 20;

    /// <summary>Deflate's densest encoding expands one byte into at most 1032; a gzip file claiming more than that is lying.</summary>
    private const long MaxDeflateExpansion = 1032;

    private static readonly string[] ImageDimensions = ["image count", "rows", "columns"];
    private static readonly string[] LabelDimensions = ["label count"];

    /// <summary>The images of an IDX images file (magic 0x0803), plain or gzip-compressed.</summary>
    public static IdxImages ReadImages(string path)
    {
        using var file = File.OpenRead(path);
        return ReadImages(file, path);
    }

    /// <summary>The labels of an IDX labels file (magic 0x0801), plain or gzip-compressed.</summary>
    public static byte[] ReadLabels(string path)
    {
        using var file = File.OpenRead(path);
        return ReadLabels(file, path);
    }

    /// <param name="stream">The IDX bytes, plain or gzip-compressed; it must be seekable, its length known.</param>
    /// <param name="source">Names the stream in error messages.</param>
    internal static IdxImages ReadImages(Stream stream, string source)
    {
        Span<int> dimensions = stackalloc int[ImageDimensions.Length];
        var pixels = ReadUnsignedBytes(stream, source, ImagesMagic, ImageDimensions, dimensions);
        return new IdxImages(pixels, dimensions[0], dimensions[1], dimensions[2]);
    }

    /// <param name="stream">The IDX bytes, plain or gzip-compressed; it must be seekable, its length known.</param>
    /// <param name="source">Names the stream in error messages.</param>
    internal static byte[] ReadLabels(Stream stream, string source) =>
        ReadUnsignedBytes(stream, source, LabelsMagic, LabelDimensions, stackalloc int[LabelDimensions.Length]);

    private static byte[] ReadUnsignedBytes(
        Stream stream, string source, int magic, string[] dimensionNames, Span<int> dimensions)
    {
        bool compressed = StartsWithGzipMagic(stream);
        using var gzip = compressed ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true) : null;
        Stream content = gzip ?? stream;
        long fileBytes = stream.Length;
        try
        {
            ReadHeader(content, source, magic, dimensionNames, dimensions);
            return compressed
                ? ReadCompressedBody(content, source, dimensions, fileBytes)
                : ReadPlainBody(content, source, dimensions);
        }
        // zlib reports some damage as its internal ZLibException, an IOException, rather than as InvalidDataException.
        catch (Exception corrupt) when (compressed && (corrupt is InvalidDataException || (corrupt is IOException && corrupt.GetType().Namespace == typeof(GZipStream).Namespace)))
        {
            throw new InvalidFileException(source, "gzip stream", "expected valid gzip data, found a corrupt stream", corrupt);
        }
    }

    private static bool StartsWithGzipMagic(Stream stream)
    {
        Span<byte> head = stackalloc byte[2];
        int found = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Seek(-found, SeekOrigin.Current);
        return found == 2 && head[0] == 0x1f && head[1] == 0x8b;
    }

    private static void ReadHeader(
        Stream content, string source, int magic, string[] dimensionNames, Span<int> dimensions)
    {
        Span<byte> header = stackalloc byte[4 * (1 + dimensions.Length)];
        int found = content.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (found >= 4)
        {
            int foundMagic = BinaryPrimitives.ReadInt32BigEndian(header);
            if (foundMagic != magic)
                throw new InvalidFileException(source, "magic",
                    $"expected {magic} ({KindOf(magic)}), found {foundMagic}{KnownKind(foundMagic)}");
        }
        if (found < header.Length)
            throw new InvalidFileException(source, "header",
                $"expected {header.Length} bytes, found {found} (the file is truncated)");

        for (int axis = 0; axis < dimensions.Length; axis++)
        {
            dimensions[axis] = BinaryPrimitives.ReadInt32BigEndian(header[(4 + 4 * axis)..]);
            if (dimensions[axis] < 1)
                throw new InvalidFileException(source, dimensionNames[axis],
                    $"expected a positive number, found {dimensions[axis]}");
        }
        long itemSize = Tensors.Tensor.ElementCount(dimensions[1..]);
        if (itemSize > MaxPixelsPerImage)
            throw new InvalidFileException(source, string.Join(" x ", dimensionNames[1..]),
                $"expected at most {MaxPixelsPerImage} pixels per image, found {DimensionsText(dimensions[1..])}");
        if (itemSize * dimensions[0] > Array.MaxLength)
            throw new InvalidFileException(source, dimensionNames[0],
                $"expected at most {Array.MaxLength / itemSize} items of {itemSize} bytes, found {dimensions[0]}");
    }

    // The file's length is known: the claim is checked against it before anything is allocated.
    private static byte[] ReadPlainBody(Stream content, string source, ReadOnlySpan<int> dimensions)
    {
        long claimed = Tensors.Tensor.ElementCount(dimensions);
        long found = content.Length - content.Position;
        if (found != claimed) throw BodyMismatch(source, dimensions, found, "");
        var body = new byte[claimed];
        content.ReadExactly(body);
        return body;
    }

    // A gzip stream's length is known only once it has been read to its end: it is read in bounded chunks.
    private static byte[] ReadCompressedBody(Stream content, string source, ReadOnlySpan<int> dimensions, long fileBytes)
    {
        long claimed = Tensors.Tensor.ElementCount(dimensions);
        if (claimed > fileBytes * MaxDeflateExpansion)
            throw new InvalidFileException(source, "body",
                $"the header claims {claimed} bytes for dimensions {DimensionsText(dimensions)}, more than {fileBytes} compressed bytes can hold (deflate expands at most {MaxDeflateExpansion}:1)");
        var body = ClaimedBytes.Read(content, (int)claimed, out int found);
        long extra = body is null ? 0 : CountRemainingBytes(content);
        if (body is null || extra > 0) throw BodyMismatch(source, dimensions, found + extra, " after decompression");
        return body;
    }

    private static InvalidFileException BodyMismatch(string source, ReadOnlySpan<int> dimensions, long found, string foundWhere) =>
        new(source, "body", $"expected {Tensors.Tensor.ElementCount(dimensions)} bytes for dimensions {DimensionsText(dimensions)}, found {found}{foundWhere}");

    private static long CountRemainingBytes(Stream content)
    {
        Span<byte> scratch = stackalloc byte[4096];
        long count = 0;
        for (int read; (read = content.Read(scratch)) > 0;) count += read;
        return count;
    }

    private static string KindOf(int magic) => magic == ImagesMagic ? "IDX images" : "IDX labels";

    // Swapped images and labels files are the common mistake; say so when that is what was found.
    private static string KnownKind(int magic) =>
        magic is ImagesMagic or LabelsMagic ? $" ({KindOf(magic)})" : "";

    private static string DimensionsText(ReadOnlySpan<int> dimensions) => string.Join("x", dimensions.ToArray());
}
