using Hebb.Tests.Support;
using System.Security.Cryptography;
using Hebb.Serialization;
using Hebb.Tensors;

namespace Hebb.Tests.Serialization;

public sealed class SafeTensorsRoundTripTests
{
    [Fact]
    public void WhatIsWrittenIsReadBackBitForBit()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf("model.safetensors");
        var tensors = new KeyValuePair<string, Tensor>[]
        {
            new("hidden1/weights", new Tensor([1.5f, -0f, float.NaN, float.PositiveInfinity, float.Epsilon, -3.25e-39f], 2, 3)),
            new("hidden1/biases", new Tensor([0.1f, 0.2f, 0.3f], 3)),
            new("scale", Tensor.Scalar(-7f)),
            new("cube", new Tensor(Enumerable.Range(0, 24).Select(i => i * 0.5f).ToArray(), 2, 3, 4)),
            new("empty", new Tensor([], 3, 0)),
        };
        var metadata = new Dictionary<string, string> { ["format"] = "hebb-mlp", ["note"] = "poids appris ✓" };

        SafeTensorsWriter.Write(path, tensors, metadata);
        var file = SafeTensorsReader.Read(path);

        Assert.Equal(path, file.Path);
        Assert.Equal(tensors.Select(entry => entry.Key), file.Tensors.Select(entry => entry.Key));
        foreach (var (name, written) in tensors)
        {
            var read = file[name];
            Assert.Equal(written.ShapeArray(), read.ShapeArray());
            Assert.Equal(Bits(written.Data), Bits(read.Data));
        }
        Assert.Equal("hebb-mlp", file.Metadata["format"]);
        Assert.Equal("poids appris ✓", file.Metadata["note"]);
        Assert.Equal(3, file.Metadata.Count);
    }

    [Fact]
    public void ChecksumIsTheSha256OfTheDataSection()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf("model.safetensors");
        SafeTensorsWriter.Write(path, [new("w", new Tensor([1f, 2f, 3f], 3))]);

        var dataSection = SafeTensorsBytes.DataSectionOf(File.ReadAllBytes(path));
        var expected = Convert.ToHexStringLower(SHA256.HashData(dataSection));
        Assert.Equal(expected, SafeTensorsReader.Read(path).Metadata["hebb.sha256"]);
    }

    [Fact]
    public void NoTensorsAtAllMakesAFileOfMetadataOnly()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf("empty.safetensors");
        SafeTensorsWriter.Write(path, []);

        var file = SafeTensorsReader.Read(path);

        Assert.Empty(file.Tensors);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), file.Metadata["hebb.sha256"]);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
