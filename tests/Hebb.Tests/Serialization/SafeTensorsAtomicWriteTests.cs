using Hebb.Tests.Support;
using System.Collections;
using Hebb.Serialization;
using Hebb.Tensors;

namespace Hebb.Tests.Serialization;

/// <summary>A write replaces the file whole or leaves it as it was, and never leaves its temporary file behind.</summary>
public sealed class SafeTensorsAtomicWriteTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly string path;
    private readonly byte[] previous;

    public SafeTensorsAtomicWriteTests()
    {
        path = folder.PathOf("model.safetensors");
        SafeTensorsWriter.Write(path, [new("w", Tensor.Ones(2, 2))]);
        previous = File.ReadAllBytes(path);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void WritingOverAFileReplacesIt()
    {
        SafeTensorsWriter.Write(path, [new("v", Tensor.Full(3f, 5))]);

        var file = SafeTensorsReader.Read(path);
        Assert.Equal(["v"], file.Tensors.Select(entry => entry.Key));
        Assert.Equal([3f, 3f, 3f, 3f, 3f], file["v"].Data);
        Assert.Equal(["model.safetensors"], folder.FileNames());
    }

    [Fact]
    public void TensorListThatThrowsLeavesThePreviousFile()
    {
        Assert.Throws<InvalidOperationException>(() => SafeTensorsWriter.Write(path, new ListThatFailsAfterOne()));

        AssertPreviousFileIntact();
    }

    [Fact]
    public void FailureMidWriteLeavesThePreviousFileAndNoTemporaryFile()
    {
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            Assert.Equal(2, folder.FileNames().Length);
            throw new IOException("disk full");
        }));

        Assert.Equal($"{path}: cannot write it: disk full", error.Message);
        AssertPreviousFileIntact();
    }

    [Fact]
    public void MissingFolderFailsWithoutCreatingAnything()
    {
        var missing = Path.Combine(folder.FullPath, "no such folder", "model.safetensors");

        Assert.Throws<DirectoryNotFoundException>(() => SafeTensorsWriter.Write(missing, [new("w", Tensor.Ones(1))]));

        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
        AssertPreviousFileIntact();
    }

    [Theory]
    [InlineData("")]
    [InlineData("__metadata__")]
    public void ReservedOrEmptyTensorNamesAreRejected(string name)
    {
        Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Write(path, [new(name, Tensor.Ones(1))]));

        AssertPreviousFileIntact();
    }

    [Fact]
    public void DuplicateTensorNamesAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SafeTensorsWriter.Write(path, [new("w", Tensor.Ones(1)), new("w", Tensor.Zeros(1))]));

        Assert.Contains("'w' appears twice", error.Message);
        AssertPreviousFileIntact();
    }

    [Theory]
    [InlineData("hebb.sha256")]
    [InlineData("hebb.sha256.previous")]
    public void ChecksumMetadataKeysAreReservedForHebb(string key)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SafeTensorsWriter.Write(path, [new("w", Tensor.Ones(1))], new Dictionary<string, string> { [key] = "0" }));

        Assert.Contains($"'{key}' is reserved", error.Message);
        AssertPreviousFileIntact();
    }

    private void AssertPreviousFileIntact()
    {
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], folder.FileNames());
    }

    /// <summary>Claims two tensors but fails while handing out the second, as a lazily computed list might.</summary>
    private sealed class ListThatFailsAfterOne : IReadOnlyList<KeyValuePair<string, Tensor>>
    {
        public int Count => 2;

        public KeyValuePair<string, Tensor> this[int index] =>
            index == 0 ? new("w", Tensor.Zeros(2, 2)) : throw new InvalidOperationException("second tensor unavailable");

        public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
