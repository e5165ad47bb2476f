using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Hebb.Cli.Output;

/// <summary>
/// Checks a PNG's structure before any decoder sees it: the signature, every chunk's length against the bytes
/// that follow, the size in IHDR, and that the image data inflates to no more than that size needs. The decoder
/// then works on a file whose every claim is known true, so that no PNG costs more than its own pixels.
/// </summary>
internal static class PngLayout
{
    /// <summary>The whole file is held in memory; an image of one model input is kilobytes, so a larger file is no such image.</summary>
    public const int MaxFileBytes = 64 << 20;

    /// <summary>PNG's own limit on a chunk's length (and on width and height).</summary>
    private const uint MaxChunkBytes = int.MaxValue;

    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Fails with an <see cref="InvalidFileException"/> naming the chunk or field unless <paramref name="file"/> is a
    /// well-formed PNG of <paramref name="expectedPixels"/> pixels, as one model input needs.
    /// </summary>
    public static void Check(string path, ReadOnlySpan<byte> file, int expectedPixels, Func<int, int, string> sizeProblem)
    {
        if (!file.StartsWith(Signature))
            throw new InvalidFileException(path, "signature", $"expected a PNG image, found {FormatOf(file)}");
        var imageData = new MemoryStream();
        (int Width, int Height, long RawBytes)? header = null;
        for (int offset = Signature.Length; ;)
        {
            if (file.Length - offset < 12)
                throw new InvalidFileException(path, $"chunk at byte {offset}", $"expected a chunk of at least 12 bytes, found {file.Length - offset} (the file is truncated)");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(file[offset..]);
            string type = TypeOf(file.Slice(offset + 4, 4));
            string field = $"chunk '{type}' at byte {offset}";
            if (length > MaxChunkBytes)
                throw new InvalidFileException(path, field, $"expected a length of at most {MaxChunkBytes} bytes, found {length}");
            if (length > file.Length - offset - 12)
                throw new InvalidFileException(path, field, $"claims {length} bytes, only {file.Length - offset - 12} follow (the file is truncated)");
            var data = file.Slice(offset + 8, (int)length);
            if (header is null)
            {
                header = type == "IHDR" && length == 13
                    ? ReadHeader(path, field, data)
                    : throw new InvalidFileException(path, field, "expected the 13-byte IHDR chunk first");
                if ((long)header.Value.Width * header.Value.Height != expectedPixels)
                    throw new InvalidFileException(path, "size", sizeProblem(header.Value.Width, header.Value.Height));
            }
            else if (type == "IDAT") imageData.Write(data);
            else if (type == "IEND") break;
            offset += 12 + (int)length;
        }
        CheckInflatedSize(path, imageData, header.Value.RawBytes);
    }

    private static (int Width, int Height, long RawBytes) ReadHeader(string path, string field, ReadOnlySpan<byte> data)
    {
        int width = BinaryPrimitives.ReadInt32BigEndian(data);
        int height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        if (width < 1 || height < 1)
            throw new InvalidFileException(path, field, $"expected a positive width and height, found {width}x{height}");
        int channels = data[9] switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        int bitDepth = data[8];
        if (channels == 0 || bitDepth is not (1 or 2 or 4 or 8 or 16))
            throw new InvalidFileException(path, field, $"expected a PNG colour type and bit depth, found type {data[9]}, depth {bitDepth}");
        long rowBytes = 1 + ((long)width * channels * bitDepth + 7) / 8;
        // Interlacing splits the image into 7 passes, each row of each pass with its own filter byte and rounding.
        long rawBytes = data[12] == 0 ? height * rowBytes : 2 * height * rowBytes + 7 * (height + 8);
        return (width, height, rawBytes);
    }

    // A deflate stream can expand 1032-fold: without this bound a small file could make the decoder allocate gigabytes.
    private static void CheckInflatedSize(string path, MemoryStream imageData, long rawBytes)
    {
        imageData.Position = 0;
        long inflated = 0;
        try
        {
            using var zlib = new ZLibStream(imageData, CompressionMode.Decompress);
            Span<byte> scratch = stackalloc byte[4096];
            for (int read; inflated <= rawBytes && (read = zlib.Read(scratch)) > 0;) inflated += read;
        }
        // zlib reports some damage (found by AFL++) as its internal ZLibException, an IOException, not as InvalidDataException.
        catch (Exception error) when (error is InvalidDataException || (error is IOException && error.GetType().Namespace == typeof(ZLibStream).Namespace))
        {
            throw new InvalidFileException(path, "IDAT", "expected zlib-compressed image data, found a corrupt stream", error);
        }
        if (inflated > rawBytes)
            throw new InvalidFileException(path, "IDAT", $"inflates to more than the {rawBytes} bytes its size needs");
    }

    private static string TypeOf(ReadOnlySpan<byte> type) => InvalidFileException.Echo(Encoding.Latin1.GetString(type));

    private static string FormatOf(ReadOnlySpan<byte> file) =>
        file.StartsWith("GIF8"u8) ? "a GIF image"
        : file.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "a JPEG image"
        : file.StartsWith("BM"u8) ? "a BMP image"
        : file.StartsWith("RIFF"u8) ? "a RIFF file (WebP?)"
        : file.Length == 0 ? "an empty file"
        : $"a file starting {InvalidFileException.Echo(Encoding.Latin1.GetString(file[..Math.Min(8, file.Length)]))}";
}
