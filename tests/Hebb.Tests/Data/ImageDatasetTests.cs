using Hebb.Tests.Support;
using Hebb.Data;

namespace Hebb.Tests.Data;

public sealed class ImageDatasetTests
{
    // Three 2x2 images whose pixels say which image they belong to.
    private static ImageDataset ThreeImages() => new(
        [0, 255, 51, 102,
         10, 11, 12, 13,
         255, 0, 255, 0],
        [2, 0, 1], height: 2, width: 2);

    [Fact]
    public void DescribesItsShape()
    {
        var dataset = ThreeImages();

        Assert.Equal((3, 2, 2, 4, 3), (dataset.Count, dataset.Height, dataset.Width, dataset.FeatureCount, dataset.ClassCount));
    }

    [Fact]
    public void ClassCountCanBeGivenWhenTheLastClassesAreMissing()
    {
        var dataset = new ImageDataset(new byte[4], [0, 1], height: 1, width: 2, classCount: 10);

        Assert.Equal(10, dataset.ClassCount);
    }

    [Fact]
    public void LabelNotBelowTheGivenClassCountIsRejected() =>
        Assert.Throws<ArgumentException>(() => new ImageDataset(new byte[2], [0, 3], height: 1, width: 1, classCount: 3));

    [Fact]
    public void PixelCountMustMatchLabelCount() =>
        Assert.Throws<ArgumentException>(() => new ImageDataset(new byte[7], [0, 1], height: 2, width: 2));

    [Fact]
    public void FillFeaturesScalesToUnitIntervalInIndexOrder()
    {
        var dataset = ThreeImages();
        var destination = new float[2 * 4];

        dataset.FillFeatures([2, 0], destination);

        Assert.Equal([1f, 0f, 1f, 0f, 0f, 1f, 0.2f, 0.4f], destination);
    }

    [Fact]
    public void FillLabelsFollowsTheIndices()
    {
        var destination = new int[4];

        ThreeImages().FillLabels([1, 2, 0, 1], destination);

        Assert.Equal([0, 1, 2, 0], destination);
    }

    [Fact]
    public void FillingAMiniBatchAllocatesNothing()
    {
        var dataset = new ImageDataset(IdxFiles.Pattern(100 * 784), new byte[100], height: 28, width: 28);
        int[] indices = [5, 99, 0, 42];
        var features = new float[indices.Length * 784];
        var labels = new int[indices.Length];
        dataset.FillFeatures(indices, features);
        dataset.FillLabels(indices, labels);

        long before = GC.GetAllocatedBytesForCurrentThread();
        dataset.FillFeatures(indices, features);
        dataset.FillLabels(indices, labels);

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void IndexOutsideTheDatasetThrows() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreeImages().FillFeatures([0, 3], new float[8]));

    [Fact]
    public void DestinationTooShortThrows()
    {
        Assert.Throws<ArgumentException>(() => ThreeImages().FillFeatures([0, 1], new float[7]));
        Assert.Throws<ArgumentException>(() => ThreeImages().FillLabels([0, 1], new int[1]));
    }

    [Fact]
    public void FeaturesAndLabelArrayCoverAContiguousRange()
    {
        var dataset = ThreeImages();

        var features = dataset.Features(1, 2);

        Assert.Equal([2, 4], features.ShapeArray());
        Assert.Equal([10 / 255f, 11 / 255f, 12 / 255f, 13 / 255f, 1f, 0f, 1f, 0f], features.Data);
        Assert.Equal([0, 1], dataset.LabelArray(1, 2));
    }

    [Fact]
    public void SliceCopiesAndKeepsTheClassCount()
    {
        var dataset = ThreeImages();

        var slice = dataset.Slice(1, 1);
        dataset.Pixels[4] = 99;

        Assert.Equal((1, 3), (slice.Count, slice.ClassCount));
        Assert.Equal([10, 11, 12, 13], slice.Pixels);
        Assert.Equal([0], slice.Labels);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(2, 2)]
    [InlineData(0, -1)]
    public void RangeOutsideTheDatasetThrows(int start, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreeImages().Slice(start, count));

    [Fact]
    public void LoadPairsAnImagesFileWithItsLabelsFile()
    {
        using var folder = new TemporaryFolder();
        var images = IdxFiles.Write(folder.PathOf("images.gz"), IdxFiles.Images(2, 1, 3, [1, 2, 3, 4, 5, 6]), gzip: true);
        var labels = IdxFiles.Write(folder.PathOf("labels"), IdxFiles.Labels([4, 2]), gzip: false);

        var dataset = ImageDataset.Load(images, labels);

        Assert.Equal((2, 1, 3, 5), (dataset.Count, dataset.Height, dataset.Width, dataset.ClassCount));
        Assert.Equal([1, 2, 3, 4, 5, 6], dataset.Pixels);
    }

    [Fact]
    public void LoadNamesBothFilesWhenTheCountsDisagree()
    {
        using var folder = new TemporaryFolder();
        var images = IdxFiles.Write(folder.PathOf("some-images"), IdxFiles.Images(3, 1, 1, [1, 2, 3]), gzip: false);
        var labels = IdxFiles.Write(folder.PathOf("some-labels"), IdxFiles.Labels([0, 1]), gzip: false);

        var error = Assert.Throws<InvalidFileException>(() => ImageDataset.Load(images, labels));

        Assert.Contains("some-images", error.Message);
        Assert.Contains("some-labels", error.Message);
        Assert.Contains("expected 3", error.Message);
        Assert.Contains("found 2", error.Message);
    }

    [Fact]
    public void LoadRejectsALabelOutsideTheClassCount()
    {
        using var folder = new TemporaryFolder();
        var images = IdxFiles.Write(folder.PathOf("images"), IdxFiles.Images(2, 1, 1, [1, 2]), gzip: false);
        var labels = IdxFiles.Write(folder.PathOf("labels"), IdxFiles.Labels([9, 10]), gzip: false);

        var error = Assert.Throws<InvalidFileException>(() => ImageDataset.Load(images, labels, classCount: 10));

        Assert.Equal("label", error.Field);
        Assert.Contains("found 10 at record 1", error.Message);
    }
}
