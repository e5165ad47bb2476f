using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Hebb.Cli.Output;
using Hebb.Tests.Cli;
using Hebb.Tests.Support;

namespace Hebb.Tests.Hostile;

/// <summary>Images that claimed or cost more than they hold: refused from their structure, before any pixel is decoded.</summary>
public sealed class PngHostileTests : IDisposable
{
    private const int DigitPixels = 28 * 28;

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void GifDeclaringTwentyThousandSquaredIsNotDecoded()
    {
        // The 35-byte GIF of the issue: a logical screen and one image of 20000x20000, and a scrap of LZW data.
        var gif = new byte[35];
        "GIF89a"u8.CopyTo(gif);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(6), 20000);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(8), 20000);
        gif[13] = 0x2C;
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(18), 20000);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(20), 20000);
        gif[23] = 8;
        var error = Reject(gif);
        Assert.Equal("signature", error.Field);
        Assert.Contains("expected a PNG image, found a GIF image", error.Message);
    }

    [Fact]
    public void PngDeclaringTwentyThousandSquaredIsRefusedFromItsHeader()
    {
        var png = Png(20000, 20000, idat: Zlib(new byte[100]));
        var error = Reject(png);
        Assert.Equal("size", error.Field);
        Assert.Contains("found 20000x20000", error.Message);
    }

    [Fact]
    public void TruncatedPngSaysSoWithoutEchoingNulBytes()
    {
        var png = Digit();
        var error = Reject(png[..(png.Length - 20)]);
        Assert.Contains("the file is truncated", error.Message);
    }

    [Fact]
    public void ChunkLengthOfTwoGigabytesIsNamed()
    {
        var png = Digit();
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(33), 0x8000_0000);
        var error = Reject(png);
        Assert.Equal("chunk 'IDAT' at byte 33", error.Field);
        Assert.Contains("expected a length of at most 2147483647 bytes, found 2147483648", error.Message);
    }

    [Fact]
    public void ImageDataInflatingPastItsSizeIsADecompressionBomb()
    {
        var error = Reject(Png(28, 28, idat: Zlib(new byte[50 << 20])));
        Assert.Equal("IDAT", error.Field);
        Assert.Contains("inflates to more than the 812 bytes its size needs", error.Message);
    }

    [Fact]
    public void CorruptImageDataIsOneCleanLine()
    {
        var png = Digit();
        for (int i = 45; i < 60; i++) png[i] ^= 0x5A;
        Reject(png);
    }

    [Fact]
    public void SoundDigitStillReads() =>
        Assert.Equal(DigitPixels, PngImage.ReadGrayscale(Write(Digit()), invert: false, DigitPixels).Length);

    private static byte[] Digit()
    {
        var path = Path.GetTempFileName();
        try
        {
            PngFile.WriteGrayscale(path, 28, 28, IdxPattern());
            return File.ReadAllBytes(path);
        }
        finally { File.Delete(path); }
    }

    private static byte[] IdxPattern() => Enumerable.Range(0, DigitPixels).Select(i => (byte)(i * 7)).ToArray();

    /// <summary>An 8-bit grayscale PNG with the given IDAT contents.</summary>
    private static byte[] Png(int width, int height, byte[] idat)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        return [0x89, .. "PNG\r\n\u001a\n"u8, .. Chunk("IHDR", header), .. Chunk("IDAT", idat), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeAndData.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), PngFile.Crc32(typeAndData));
        return chunk;
    }

    private static byte[] Zlib(byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal)) zlib.Write(raw);
        return compressed.ToArray();
    }

    private string Write(byte[] bytes)
    {
        var path = folder.PathOf("hostile.png");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private InvalidFileException Reject(byte[] bytes)
    {
        var path = Write(bytes);
        return HostileInput.AssertRejected(() => PngImage.ReadGrayscale(path, invert: false, DigitPixels), bytes.Length);
    }
}
