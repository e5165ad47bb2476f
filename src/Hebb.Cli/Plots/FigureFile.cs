using Hebb.Cli.Commands;
using Hebb.Serialization;
using ScottPlot;
using SkiaSharp;

namespace Hebb.Cli.Plots;

/// <summary>The image formats a figure can be saved in, chosen by the output file's extension.</summary>
internal enum FigureFormat
{
    Png,
    Svg,
}

/// <summary>A figure written to disk: its full path, format and size in pixels.</summary>
internal sealed record SavedFigure(string Path, FigureFormat Format, int Width, int Height);

/// <summary>Saves a figure as PNG or SVG, by the file name, without ever leaving a half-written image at the path.</summary>
internal static class FigureFile
{
    private static readonly Dictionary<string, FigureFormat> FormatsByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = FigureFormat.Png,
        [".svg"] = FigureFormat.Svg,
    };

    /// <summary>The format <c>--output</c> asks for; fails before any drawing when the path cannot be written or names no supported format.</summary>
    public static FigureFormat FormatOf(string path)
    {
        SharedOptions.CheckOutputPath(path);
        return FormatsByExtension.TryGetValue(Path.GetExtension(path), out var format)
            ? format
            : throw new UsageException($"--output: '{path}' names no supported image format; expected a file name ending in {string.Join(" or ", FormatsByExtension.Keys)}");
    }

    public static SavedFigure Save(Multiplot figure, string path, FigureFormat format, int width, int height)
    {
        byte[] image = format == FigureFormat.Svg ? Svg(figure, width, height) : Png(figure, width, height);
        AtomicFile.Write(path, stream => stream.Write(image));
        return new SavedFigure(Path.GetFullPath(path), format, width, height);
    }

    private static byte[] Png(Multiplot figure, int width, int height)
    {
        using var image = figure.Render(width, height);
        return image.GetImageBytes(ImageFormat.Png);
    }

    private static byte[] Svg(Multiplot figure, int width, int height)
    {
        using var xml = new MemoryStream();
        // Disposing the canvas is what closes the <svg> element.
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), xml))
            figure.Render(canvas, new PixelRect(0, width, height, 0));
        return xml.ToArray();
    }
}
