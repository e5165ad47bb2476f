using System.Diagnostics;
using Hebb.Serialization;
using Hebb.Tests.Support;

namespace Hebb.Tests.Serialization;

/// <summary>What a save may replace, what its errors name, and what it cleans up after a killed predecessor.</summary>
public sealed class AtomicFileTargetTests : IDisposable
{
    private static readonly byte[] Content = [1, 2, 3];

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("/dev/null", "a character device")]
    [InlineData("/dev/full", "a character device")]
    public void DeviceIsRefusedNotReplaced(string device, string kind)
    {
        if (!OperatingSystem.IsLinux()) return;
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(device, stream => stream.Write(Content)));
        Assert.Equal($"{device}: is {kind}, not a regular file; refusing to replace it", error.Message);
        Assert.Throws<IOException>(() => AtomicFile.CheckWritable(device));
        Assert.True(File.Exists(device) && new FileInfo(device).Length == 0, $"{device} was replaced");
    }

    [Fact]
    public void FifoIsRefusedNotReplaced()
    {
        if (!OperatingSystem.IsLinux()) return;
        var fifo = folder.PathOf("model.safetensors");
        Process.Start("mkfifo", fifo).WaitForExit();
        var error = Assert.Throws<IOException>(() => AtomicFile.CheckWritable(fifo));
        Assert.Contains("is a FIFO, not a regular file", error.Message);
    }

    [Fact]
    public void SymbolicLinkIsWrittenThroughAndStays()
    {
        var target = folder.PathOf("real.safetensors");
        File.WriteAllBytes(target, [9]);
        var link = folder.PathOf("link.safetensors");
        File.CreateSymbolicLink(link, target);

        AtomicFile.Write(link, stream => stream.Write(Content));

        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal(Content, File.ReadAllBytes(target));
        Assert.Equal(["link.safetensors", "real.safetensors"], folder.FileNames().Order());
    }

    [Fact]
    public void UnwritableFolderIsFoundBeforeTheWorkAndNamedNotTheTemporaryFile()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Not even root may create files in /proc, so this holds whoever runs the tests.
        var error = Assert.Throws<IOException>(() => AtomicFile.CheckWritable("/proc/model.safetensors"));
        Assert.StartsWith("/proc/model.safetensors: cannot write it: ", error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
    }

    [Fact]
    public void CheckingLeavesNothingBehind()
    {
        AtomicFile.CheckWritable(folder.PathOf("model.safetensors"));
        Assert.Empty(folder.FileNames());
    }

    [Fact]
    public void TemporariesOfAKilledSaveAreRemovedByTheNextSave()
    {
        var stale = folder.PathOf(".model.safetensors.ab12cd34.xyz.tmp");
        File.WriteAllBytes(stale, [0]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddMinutes(-5));
        var otherOutput = folder.PathOf(".other.safetensors.ab12cd34.xyz.tmp");
        File.WriteAllBytes(otherOutput, [0]);
        File.SetLastWriteTimeUtc(otherOutput, DateTime.UtcNow.AddMinutes(-5));

        AtomicFile.Write(folder.PathOf("model.safetensors"), stream => stream.Write(Content));

        Assert.Equal([".other.safetensors.ab12cd34.xyz.tmp", "model.safetensors"], folder.FileNames().Order(StringComparer.Ordinal));
    }
}
