using Hebb.Tests.Support;
using Hebb.Data;

namespace Hebb.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsImagesBack(bool gzip)
    {
        var pixels = IdxFiles.Pattern(3 * 4 * 5);
        var path = IdxFiles.Write(folder.PathOf("images"), IdxFiles.Images(3, 4, 5, pixels), gzip);

        var images = IdxReader.ReadImages(path);

        Assert.Equal((3, 4, 5), (images.Count, images.Height, images.Width));
        Assert.Equal(pixels, images.Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsLabelsBack(bool gzip)
    {
        byte[] labels = [3, 1, 4, 1, 5, 9, 2, 6, 255];
        var path = IdxFiles.Write(folder.PathOf("labels"), IdxFiles.Labels(labels), gzip);

        Assert.Equal(labels, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void RecognisesGzipByItsMagicBytesNotByTheName()
    {
        byte[] labels = [7, 8, 9];
        var gzippedWithoutSuffix = IdxFiles.Write(folder.PathOf("labels-idx1-ubyte"), IdxFiles.Labels(labels), gzip: true);
        var plainWithSuffix = IdxFiles.Write(folder.PathOf("labels-idx1-ubyte.gz"), IdxFiles.Labels(labels), gzip: false);

        Assert.Equal(labels, IdxReader.ReadLabels(gzippedWithoutSuffix));
        Assert.Equal(labels, IdxReader.ReadLabels(plainWithSuffix));
    }

    [Theory]
    [InlineData(IdxFiles.LabelsMagic)]
    [InlineData(1234)]
    public void WrongMagicNamesFileFieldExpectedAndFound(int magic)
    {
        var path = IdxFiles.Write(folder.PathOf("my-images"), IdxFiles.Content(magic, [1, 2, 2], new byte[4]), gzip: false);

        var error = Assert.Throws<InvalidFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains("my-images", error.Message);
        Assert.Contains("magic", error.Message);
        Assert.Contains("2051", error.Message);
        Assert.Contains(magic.ToString(), error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void LabelsFileRejectsTheImagesMagic()
    {
        var path = IdxFiles.Write(folder.PathOf("labels"), IdxFiles.Images(1, 1, 1, [0]), gzip: false);

        var error = Assert.Throws<InvalidFileException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("expected 2049", error.Message);
        Assert.Contains("found 2051", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ShortBodySaysHowManyBytesWereExpectedAndFound(bool gzip)
    {
        var path = IdxFiles.Write(folder.PathOf("images"), IdxFiles.Images(3, 4, 5, new byte[47]), gzip);

        var error = Assert.Throws<InvalidFileException>(() => IdxReader.ReadImages(path));

        Assert.Equal("body", error.Field);
        Assert.Contains("expected 60 bytes", error.Message);
        Assert.Contains("found 47", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrailingBytesAreAnError(bool gzip)
    {
        var path = IdxFiles.Write(folder.PathOf("labels"), IdxFiles.Content(IdxFiles.LabelsMagic, [4], new byte[6]), gzip);

        var error = Assert.Throws<InvalidFileException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("expected 4 bytes", error.Message);
        Assert.Contains("found 6", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(11)]
    public void TruncatedHeaderIsReported(int length)
    {
        var whole = IdxFiles.Images(1, 2, 2, new byte[4]);
        var path = IdxFiles.Write(folder.PathOf("images"), whole[..length], gzip: false);

        var error = Assert.Throws<InvalidFileException>(() => IdxReader.ReadImages(path));

        Assert.Equal("header", error.Field);
        Assert.Contains("expected 16 bytes", error.Message);
        Assert.Contains($"found {length}", error.Message);
    }

    [Theory]
    [InlineData(0, 28, 28, "image count")]
    [InlineData(10, -1, 28, "rows")]
    [InlineData(10, 28, 0, "columns")]
    [InlineData(10, 2048, 1024, "rows x columns")]
    [InlineData(int.MaxValue, 28, 28, "image count")]
    public void ImplausibleDimensionsAreRejectedBeforeReadingTheBody(int count, int rows, int columns, string field)
    {
        var path = IdxFiles.Write(folder.PathOf("images"), IdxFiles.Images(count, rows, columns, []), gzip: false);

        var error = Assert.Throws<InvalidFileException>(() => IdxReader.ReadImages(path));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void CorruptGzipStreamIsReportedAsABadFile()
    {
        // A valid gzip header followed by a deflate block of the reserved type 3.
        byte[] corrupt = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 0x07, 0x12, 0x34, 0x56, 0x78, 0x9a];
        var path = IdxFiles.Write(folder.PathOf("images.gz"), corrupt, gzip: false);

        var error = Assert.Throws<InvalidFileException>(() => IdxReader.ReadImages(path));

        Assert.Equal("gzip stream", error.Field);
        Assert.Contains("images.gz", error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void GzipCutShortIsReportedAsABadFile()
    {
        var gzipped = IdxFiles.Gzip(IdxFiles.Images(50, 28, 28, IdxFiles.Pattern(50 * 28 * 28)));
        var path = IdxFiles.Write(folder.PathOf("images.gz"), gzipped[..(gzipped.Length / 2)], gzip: false);

        Assert.Throws<InvalidFileException>(() => IdxReader.ReadImages(path));
    }
}
