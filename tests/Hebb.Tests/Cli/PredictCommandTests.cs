using Hebb.Tests.Support;
using Hebb.Tests.Serialization;

namespace Hebb.Tests.Cli;

public sealed class PredictCommandTests(ModelFileFixture saved, SmallMnistFolder data) : IClassFixture<ModelFileFixture>, IClassFixture<SmallMnistFolder>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void HelpListsItsOptions()
    {
        var run = CliRun.Of("predict", "--help");

        run.AssertSucceeded();
        foreach (var option in new[] { "--model", "--data", "--count", "--image", "--invert", "--json" }) Assert.Contains(option, run.Output);
    }

    [Fact]
    public void JsonGivesAnObjectPerImageWithThePredictedAndActualClass()
    {
        var run = CliRun.Of("predict", "--model", saved.Path, "--data", data.Path, "--count", "5", "--json");

        run.AssertSucceeded();
        var lines = run.JsonLines();
        var expected = saved.Model.Predict(data.Test.Features(0, 5));
        Assert.Equal(5, lines.Length);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(["index", "predicted", "actual"], lines[i].EnumerateObject().Select(p => p.Name));
            Assert.Equal(i, lines[i].GetProperty("index").GetInt32());
            Assert.Equal(expected[i], lines[i].GetProperty("predicted").GetInt32());
            Assert.Equal(data.Test.Labels[i], lines[i].GetProperty("actual").GetInt32());
        }
    }

    [Fact]
    public void TextGivesALinePerImageAndTheCountRight()
    {
        var run = CliRun.Of("predict", "--model", saved.Path, "--data", data.Path, "--count", "3");

        run.AssertSucceeded();
        Assert.Equal(4, run.OutputLines.Length);
        Assert.Matches(@"^test image +0: predicted \d, actual \d", run.OutputLines[0]);
        Assert.Matches(@"^[0-3] of 3 right$", run.OutputLines[3]);
    }

    [Fact]
    public void CountBeyondTheTestSetStopsAtItsEnd()
    {
        var run = CliRun.Of("predict", "--model", saved.Path, "--data", data.Path, "--count", "100000", "--json");

        run.AssertSucceeded();
        Assert.Equal(SmallMnistFolder.TestCount, run.OutputLines.Length);
    }

    [Fact]
    public void PngOfATestDigitGetsTheSameClassAsTheDigitItself()
    {
        var png = folder.PathOf("digit.png");
        PngFile.WriteGrayscale(png, 28, 28, Digit(7));

        var run = CliRun.Of("predict", "--model", saved.Path, "--image", png, "--json");

        run.AssertSucceeded();
        var result = Assert.Single(run.JsonLines());
        Assert.Equal(png, result.GetProperty("file").GetString());
        int predicted = result.GetProperty("predicted").GetInt32();
        Assert.InRange(predicted, 0, 9);
        Assert.Equal(saved.Model.Predict(data.Test.Features(7, 1))[0], predicted);
        var probabilities = result.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        Assert.Equal(10, probabilities.Length);
        Assert.Equal(1.0, probabilities.Sum(), precision: 5);
        Assert.Equal(probabilities.Max(), probabilities[predicted]);
    }

    [Fact]
    public void InvertReadsADarkDigitOnALightBackground()
    {
        var png = folder.PathOf("dark-digit.png");
        PngFile.WriteGrayscale(png, 28, 28, Digit(7).Select(pixel => (byte)(255 - pixel)).ToArray());

        var run = CliRun.Of("predict", "--model", saved.Path, "--image", png, "--invert");

        run.AssertSucceeded();
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(png)}: {saved.Model.Predict(data.Test.Features(7, 1))[0]} \(probability [01]\.\d{{4}}\)$", run.OutputLines.Single());
    }

    [Fact]
    public void PngOfTheWrongSizeIsRefusedNamingTheImage()
    {
        var png = folder.PathOf("small.png");
        PngFile.WriteGrayscale(png, 10, 10, new byte[100]);

        CliRun.Of("predict", "--model", saved.Path, "--image", png).AssertFailed(1, $"hebb: {png}: size: expected a 28x28 image for the model's 784 inputs, found 10x10");
    }

    [Fact]
    public void FileThatIsNotAPngIsRefused()
    {
        var notPng = folder.PathOf("digit.png");
        File.WriteAllText(notPng, "a digit, honestly");

        CliRun.Of("predict", "--model", saved.Path, "--image", notPng).AssertFailed(1, notPng, "expected a PNG image");
    }

    [Fact]
    public void PngWriterComputesTheStandardCrc32() =>
        // The check value every CRC-32 implementation is measured against.
        Assert.Equal(0xCBF43926u, PngFile.Crc32("123456789"u8));

    private byte[] Digit(int index) => data.Test.Pixels.AsSpan(index * 784, 784).ToArray();
}
