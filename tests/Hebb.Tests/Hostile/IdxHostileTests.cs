using Hebb.Data;
using Hebb.Tests.Data;
using Hebb.Tests.Support;

namespace Hebb.Tests.Hostile;

/// <summary>IDX files whose headers claim far more than they hold: refused before the claim is allocated, plain or gzipped.</summary>
public sealed class IdxHostileTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HeaderClaimingTwoGigabytesOfImages(bool gzip)
    {
        var path = Write(IdxFiles.Images(2047, 1024, 1024, []), gzip);
        var error = HostileInput.AssertRejected(() => IdxReader.ReadImages(path), new FileInfo(path).Length);
        Assert.Equal("body", error.Field);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HeaderClaimingTwoBillionLabels(bool gzip)
    {
        var path = Write(IdxFiles.Content(IdxFiles.LabelsMagic, [2_000_000_000], []), gzip);
        var error = HostileInput.AssertRejected(() => IdxReader.ReadLabels(path), new FileInfo(path).Length);
        Assert.Equal("body", error.Field);
    }

    [Fact]
    public void GzipStreamEndingShortOfAClaimItCouldHoldIsReadInBoundedChunks()
    {
        // Incompressible pixels, so that the claim of 1,000 megapixel images stays within what deflate could expand 2 MB to.
        var pixels = new byte[2 << 20];
        new Random(11).NextBytes(pixels);
        var path = Write(IdxFiles.Images(1000, 1024, 1024, pixels), gzip: true);
        var error = HostileInput.AssertRejected(() => IdxReader.ReadImages(path), new FileInfo(path).Length + pixels.Length);
        Assert.Contains($"expected {1000L << 20} bytes for dimensions 1000x1024x1024, found {pixels.Length} after decompression", error.Message);
    }

    [Fact]
    public void HonestGzipFileLargerThanAChunkStillReads()
    {
        var pixels = IdxFiles.Pattern(3 << 20);
        var path = Write(IdxFiles.Images(3, 1024, 1024, pixels), gzip: true);
        Assert.Equal(pixels, IdxReader.ReadImages(path).Pixels);
    }

    private string Write(byte[] content, bool gzip) => IdxFiles.Write(folder.PathOf(gzip ? "hostile.gz" : "hostile"), content, gzip);
}
