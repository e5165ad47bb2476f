using System.Buffers.Binary;
using System.Text;
using StbImageSharp;

namespace Hebb.Tests.Cli;

/// <summary>Checks on an image that <c>hebb plot</c> wrote: the format it claims, its size, and that something is drawn.</summary>
internal static class PlotImage
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// A PNG of <paramref name="width"/> × <paramref name="height"/> pixels, read from its IHDR chunk (the first after the
    /// signature), that decodes and holds many colours: curves, fills and anti-aliased text, not a blank canvas.
    /// </summary>
    public static void AssertDrawnPng(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000, $"{path}: {bytes.Length} bytes, too few for a drawn figure");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal((width, height), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));

        var image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlueAlpha);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.True(DistinctColours(image.Data) > 100, $"{path}: only {DistinctColours(image.Data)} colours");
    }

    /// <summary>An SVG document of the given size: optionally an XML declaration, then the svg element.</summary>
    public static void AssertSvg(string path, int width, int height)
    {
        var text = File.ReadAllText(path);
        Assert.True(text.StartsWith("<svg", StringComparison.Ordinal) || text.StartsWith("<?xml", StringComparison.Ordinal), text[..Math.Min(80, text.Length)]);
        Assert.Contains($"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{width}\" height=\"{height}\">", text);
        Assert.EndsWith("</svg>", text.TrimEnd());
        Assert.Contains("<text", text);
    }

    private static int DistinctColours(byte[] rgba)
    {
        var colours = new HashSet<int>();
        for (int i = 0; i < rgba.Length; i += 4) colours.Add(BinaryPrimitives.ReadInt32LittleEndian(rgba.AsSpan(i)));
        return colours.Count;
    }
}
