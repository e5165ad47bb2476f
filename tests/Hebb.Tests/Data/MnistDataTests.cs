using Hebb.Tests.Support;
using Hebb.Data;

namespace Hebb.Tests.Data;

public sealed class MnistDataTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    // A miniature MNIST folder: 3 training and 2 test images of 2x2, some files gzipped and some not.
    private void WriteFolder(int testRows = 2, byte[]? trainLabels = null)
    {
        IdxFiles.Write(folder.PathOf("train-images-idx3-ubyte.gz"), IdxFiles.Images(3, 2, 2, IdxFiles.Pattern(12)), gzip: true);
        IdxFiles.Write(folder.PathOf("train-labels-idx1-ubyte"), IdxFiles.Labels(trainLabels ?? [5, 0, 4]), gzip: false);
        IdxFiles.Write(folder.PathOf("t10k-images-idx3-ubyte"), IdxFiles.Images(2, testRows, 2, new byte[4 * testRows]), gzip: false);
        IdxFiles.Write(folder.PathOf("t10k-labels-idx1-ubyte.gz"), IdxFiles.Labels([7, 2]), gzip: true);
    }

    [Fact]
    public void LoadFolderReadsTheFourStandardFilesPlainOrGzipped()
    {
        WriteFolder();

        var split = MnistData.LoadFolder(folder.FullPath);

        Assert.Equal((3, 2, 2), (split.Train.Count, split.Train.Height, split.Train.Width));
        Assert.Equal(2, split.Test.Count);
        Assert.Equal([5, 0, 4], split.Train.Labels);
        Assert.Equal([7, 2], split.Test.Labels);
        Assert.Equal(IdxFiles.Pattern(12), split.Train.Pixels);
        Assert.Equal((10, 10), (split.Train.ClassCount, split.Test.ClassCount));
        Assert.Equal(folder.FullPath, split.Source);
    }

    [Fact]
    public void MissingFileIsNamedWithItsFolder()
    {
        WriteFolder();
        File.Delete(folder.PathOf("t10k-labels-idx1-ubyte.gz"));

        var error = Assert.Throws<InvalidFileException>(() => MnistData.LoadFolder(folder.FullPath));

        Assert.Contains(folder.FullPath, error.Message);
        Assert.Contains("t10k-labels-idx1-ubyte", error.Message);
    }

    [Fact]
    public void MissingFolderIsReported()
    {
        var missing = folder.PathOf("no-such-folder");

        var error = Assert.Throws<InvalidFileException>(() => MnistData.LoadFolder(missing));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void TrainAndTestImagesMustHaveTheSameSize()
    {
        WriteFolder(testRows: 3);

        var error = Assert.Throws<InvalidFileException>(() => MnistData.LoadFolder(folder.FullPath));

        Assert.Contains("t10k-images-idx3-ubyte", error.Message);
        Assert.Contains("expected 2x2", error.Message);
        Assert.Contains("found 3x2", error.Message);
    }

    [Fact]
    public void LabelCountDifferentFromImageCountNamesBothFiles()
    {
        WriteFolder(trainLabels: [1, 2]);

        var error = Assert.Throws<InvalidFileException>(() => MnistData.LoadFolder(folder.FullPath));

        Assert.Contains("train-labels-idx1-ubyte", error.Message);
        Assert.Contains("train-images-idx3-ubyte.gz", error.Message);
    }

    [Fact]
    public void DigitLabelAboveNineIsRejected()
    {
        WriteFolder(trainLabels: [1, 2, 10]);

        var error = Assert.Throws<InvalidFileException>(() => MnistData.LoadFolder(folder.FullPath));

        Assert.Contains("expected labels 0..9", error.Message);
    }
}
