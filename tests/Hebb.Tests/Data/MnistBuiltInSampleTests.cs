using System.IO.Compression;
using System.Security.Cryptography;
using Hebb.Data;

namespace Hebb.Tests.Data;

/// <summary>The sample embedded in Hebb.dll, checked against the facts its README states.</summary>
public sealed class MnistBuiltInSampleTests
{
    private static readonly DataSplit Sample = MnistData.LoadBuiltInSample();

    [Fact]
    public void SplitsIntoEightThousandTrainAndTwoThousandTestDigitsOf28By28()
    {
        Assert.Equal((8000, 28, 28, 10), (Sample.Train.Count, Sample.Train.Height, Sample.Train.Width, Sample.Train.ClassCount));
        Assert.Equal((2000, 28, 28, 10), (Sample.Test.Count, Sample.Test.Height, Sample.Test.Width, Sample.Test.ClassCount));
        Assert.Equal("built-in MNIST sample", Sample.Source);
    }

    [Fact]
    public void RecordsInterleaveTheDigits()
    {
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1], Sample.Train.LabelArray(0, 12));
        Assert.Equal([0, 1, 2], Sample.Test.LabelArray(0, 3));
        Assert.Equal(1, Sample.Train.Labels[^1]);
    }

    [Fact]
    public void PerDigitCountsMatchTheReadmeTable()
    {
        int[] train = [801, 902, 793, 826, 784, 690, 811, 856, 755, 782];
        int[] test = [200, 225, 198, 206, 196, 173, 203, 214, 189, 196];

        Assert.Equal(train, CountPerDigit(Sample.Train));
        Assert.Equal(test, CountPerDigit(Sample.Test));
    }

    [Fact]
    public void DecompressedContentHasTheReadmeSha256()
    {
        Assert.Equal("a38acd033cab2bafd7f006484762e4facb42eb2ca29e9b62daa4537cfcc850fb",
            DecompressedSha256(MnistData.SampleImagesResource));
        Assert.Equal("32acaabe4bb12ff81507e071f538ad0aad76c99c689c25489bf4d17769f49aad",
            DecompressedSha256(MnistData.SampleLabelsResource));
    }

    [Fact]
    public void PixelsAreTheFileBytesAfterTheHeader()
    {
        using var gzip = new GZipStream(EmbeddedResource.Open(MnistData.SampleImagesResource), CompressionMode.Decompress);
        using var content = new MemoryStream();
        gzip.CopyTo(content);

        byte[] pixels = [.. Sample.Train.Pixels, .. Sample.Test.Pixels];
        Assert.Equal(content.ToArray()[16..], pixels);
    }

    [Fact]
    public void AttributionCreditsTheSourcesAndSaysItIsBuiltIn()
    {
        var attribution = MnistData.BuiltInSampleAttribution;

        Assert.Contains("shipped inside Hebb", attribution);
        Assert.Contains("Juan Cazala", attribution);
        Assert.Contains("MIT", attribution);
        Assert.Contains("Yann LeCun, Corinna Cortes and Christopher J.C. Burges", attribution);
    }

    private static int[] CountPerDigit(ImageDataset dataset)
    {
        var counts = new int[10];
        foreach (var label in dataset.Labels) counts[label]++;
        return counts;
    }

    private static string DecompressedSha256(string resource)
    {
        using var gzip = new GZipStream(EmbeddedResource.Open(resource), CompressionMode.Decompress);
        return Convert.ToHexStringLower(SHA256.HashData(gzip));
    }
}
