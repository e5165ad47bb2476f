using Hebb.Tests.Support;

namespace Hebb.Tests.Cli;

/// <summary>
/// What every <c>hebb plot</c> figure shares: a 1000 × 450 PNG by default, SVG by the file name, no other format, the
/// path printed (as JSON with --json), and an image that is replaced whole or not at all.
/// </summary>
public sealed class PlotCommandTests(ShortTrainingRun training) : IClassFixture<ShortTrainingRun>, IDisposable
{
    private const int Width = 1000;
    private const int Height = 450;

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string> Figures => ["activations", "xor", "history"];

    [Fact]
    public void RootHelpListsPlotAndPlotHelpListsTheFigures()
    {
        Assert.Contains("plot", CliRun.Of("--help").Output);
        var run = CliRun.Of("plot", "--help");

        run.AssertSucceeded();
        foreach (var figure in Figures) Assert.Contains(figure, run.Output);
        Assert.Contains("1000x450", run.Output);
    }

    [Theory]
    [MemberData(nameof(Figures))]
    public void HelpGivesTheDefaultFileName(string figure)
    {
        var run = CliRun.Of("plot", figure, "--help");

        run.AssertSucceeded();
        Assert.Contains($"[default: {figure}.png]", run.Output);
        Assert.Contains("--json", run.Output);
    }

    [Theory]
    [MemberData(nameof(Figures))]
    public void DrawsAPngOfTheDocumentedSizeAndLeavesNothingElseBehind(string figure)
    {
        var path = folder.PathOf($"{figure}.png");

        var run = Plot(figure, "--output", path);

        run.AssertSucceeded();
        Assert.Equal([$"saved {path}"], run.OutputLines);
        PlotImage.AssertDrawnPng(path, Width, Height);
        Assert.Equal([$"{figure}.png"], folder.FileNames());
    }

    [Theory]
    [MemberData(nameof(Figures))]
    public void DrawsAnSvgWhenTheFileNameEndsInSvg(string figure)
    {
        var path = folder.PathOf($"{figure}.SVG");

        Plot(figure, "--output", path).AssertSucceeded();

        PlotImage.AssertSvg(path, Width, Height);
    }

    [Theory]
    [InlineData("figure.png", "png")]
    [InlineData("figure.svg", "svg")]
    public void JsonGivesThePathFormatAndSize(string fileName, string format)
    {
        var path = folder.PathOf(fileName);

        var run = Plot("xor", "--output", path, "--json");

        run.AssertSucceeded();
        var saved = Assert.Single(run.JsonLines());
        Assert.Equal(["path", "format", "width", "height"], saved.EnumerateObject().Select(p => p.Name));
        Assert.Equal(path, saved.GetProperty("path").GetString());
        Assert.Equal(format, saved.GetProperty("format").GetString());
        Assert.Equal((Width, Height), (saved.GetProperty("width").GetInt32(), saved.GetProperty("height").GetInt32()));
    }

    [Fact]
    public void ReplacesAnExistingFile()
    {
        var path = folder.PathOf("activations.png");
        File.WriteAllText(path, "an older figure");

        Plot("activations", "--output", path).AssertSucceeded();

        PlotImage.AssertDrawnPng(path, Width, Height);
        Assert.Equal(["activations.png"], folder.FileNames());
    }

    [Theory]
    [InlineData("activations", "figure.jpg")]
    [InlineData("xor", "figure.pdf")]
    [InlineData("history", "figure")]
    public void AnyOtherExtensionIsAUsageErrorNamingTheSupportedOnes(string figure, string fileName)
    {
        Plot(figure, "--output", folder.PathOf(fileName)).AssertFailed(2, "--output", fileName, ".png", ".svg");

        Assert.Empty(folder.FileNames());
    }

    [Fact]
    public void AMissingFolderIsAUsageError()
    {
        var missing = folder.PathOf("missing");

        Plot("activations", "--output", Path.Combine(missing, "activations.png")).AssertFailed(2, "--output: ", $"folder {missing} does not exist");
    }

    [Fact]
    public void AFolderIsNotAFileName() =>
        Plot("xor", "--output", folder.FullPath).AssertFailed(2, "is a folder");

    private CliRun Plot(string figure, params string[] options) =>
        CliRun.Of(figure == "history" ? ["plot", figure, training.Path, .. options] : ["plot", figure, .. options]);
}
