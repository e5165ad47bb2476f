using ScottPlot;
using SkiaSharp;

namespace Hebb.Cli.Plots;

/// <summary>
/// DejaVu Sans, regular and bold, carried inside the CLI and used for every label of every plot. Left to itself,
/// ScottPlot takes SkiaSharp's default typeface, which on Linux is whichever font file SkiaSharp's directory scan
/// meets first (DejaVu Serif on a Debian machine) and none at all where no fonts are installed, as in a slim
/// container, where every title, tick and legend would silently vanish. A shipped font also makes a figure look the
/// same on every machine.
/// </summary>
internal sealed class ShippedFont : IFontResolver
{
    public const string Name = "DejaVu Sans";

    private static readonly Lazy<SKTypeface> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lazy<bool> Installed = new(() =>
    {
        // First in line, so that a system font of the same name never takes its place.
        Fonts.FontResolvers.Insert(0, new ShippedFont());
        Fonts.Default = Name;
        return true;
    });

    /// <summary>Makes the shipped font ScottPlot's default; plots made afterwards use it. Safe to call from any thread, any number of times.</summary>
    public static void Install() => _ = Installed.Value;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        fontName == Name ? (weight >= FontWeight.SemiBold ? Bold.Value : Regular.Value) : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal, italic ? FontSlant.Italic : FontSlant.Upright, FontSpacing.Normal);

    private static SKTypeface Load(string fileName)
    {
        using var stream = typeof(ShippedFont).Assembly.GetManifestResourceStream($"Hebb.Cli.Plots.Fonts.{fileName}")
            ?? throw new InvalidOperationException($"the font {fileName} is missing from Hebb.Cli's resources");
        return SKTypeface.FromData(SKData.Create(stream));
    }
}
