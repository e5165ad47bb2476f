using Hebb.Cli.Plots;
using ScottPlot;

namespace Hebb.Tests.Cli;

/// <summary>The font that Hebb ships for its plots loads from the CLI's resources, so that labels render on machines without fonts.</summary>
public sealed class PlotFontTests
{
    [Fact]
    public void TheShippedFontIsScottPlotsDefaultInRegularAndBold()
    {
        ShippedFont.Install();

        Assert.Equal(ShippedFont.Name, Fonts.Default);
        var regular = Fonts.GetTypeface(Fonts.Default, bold: false, italic: false);
        var bold = Fonts.GetTypeface(Fonts.Default, bold: true, italic: false);
        Assert.Equal(("DejaVu Sans", false), (regular.FamilyName, regular.IsBold));
        Assert.Equal(("DejaVu Sans", true), (bold.FamilyName, bold.IsBold));
        // Every character the figures' labels use has a glyph: none is drawn as a box.
        Assert.True(regular.ContainsGlyphs("step sigmoid tanh ReLU ELU f′(z) x1 x2 XOR = 0 epoch accuracy 0.5 −1"));
    }
}
