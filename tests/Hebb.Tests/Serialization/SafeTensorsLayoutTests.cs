using Hebb.Tests.Support;
using System.Text;
using Hebb.Serialization;
using Hebb.Tensors;

namespace Hebb.Tests.Serialization;

public sealed class SafeTensorsLayoutTests
{
    [Fact]
    public void TinyFileMatchesTheFormatByteForByte()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf("tiny.safetensors");

        SafeTensorsWriter.Write(path, [new("w/1", new Tensor([1f, -2f], 2))], new Dictionary<string, string> { ["by"] = "hand" });

        // The checksum is `printf '\x00\x00\x80\x3f\x00\x00\x00\xc0' | sha256sum`: the data section below.
        const string json =
            """{"__metadata__":{"by":"hand","hebb.sha256":"ee4ac73c2bd27756ab82780f27c73a7bc4d3f0bb6acb37e008bc27eccd7e588b"},"w/1":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""";
        byte[] expected =
        [
            168, 0, 0, 0, 0, 0, 0, 0,           // header length: 166 bytes of JSON padded to 168, so 8 + 168 is a multiple of 8
            .. Encoding.UTF8.GetBytes(json),
            (byte)' ', (byte)' ',
            0x00, 0x00, 0x80, 0x3F,             // 1f, little-endian
            0x00, 0x00, 0x00, 0xC0,             // -2f, little-endian
        ];
        Assert.Equal(166, json.Length);
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void ReadsAFileTheReferenceWriterProduced()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf("reference.safetensors");
        // The bytes huggingface/safetensors' own test expects from its writer
        // (safetensors/src/tensor.rs, test_serialization_forced_alignement): no metadata, 7 spaces of padding.
        const string json = """{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}""";
        byte[] reference =
        [
            72, 0, 0, 0, 0, 0, 0, 0,
            .. Encoding.UTF8.GetBytes(json + "       "),
            0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
        ];
        File.WriteAllBytes(path, reference);

        var file = SafeTensorsReader.Read(path);

        Assert.Equal([1, 1, 2, 3], file["attn0"].ShapeArray());
        Assert.Equal([0f, 1f, 2f, 3f, 4f, 5f], file["attn0"].Data);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void MetadataIsWrittenInKeyOrderWhateverTheDictionaryOrder()
    {
        using var folder = new TemporaryFolder();
        var first = folder.PathOf("first.safetensors");
        var second = folder.PathOf("second.safetensors");
        var tensors = new KeyValuePair<string, Tensor>[] { new("w", Tensor.Ones(2)) };

        SafeTensorsWriter.Write(first, tensors, new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        SafeTensorsWriter.Write(second, tensors, new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void TensorsAreLaidOutInTheGivenOrderWithoutGaps()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf("order.safetensors");

        SafeTensorsWriter.Write(path, [new("z", Tensor.Ones(3)), new("a", Tensor.Zeros(0)), new("m", Tensor.Ones(2, 2))]);

        var header = SafeTensorsBytes.HeaderOf(File.ReadAllBytes(path));
        Assert.Matches("\"z\".*\\[0,12\\].*\"a\".*\\[12,12\\].*\"m\".*\\[12,28\\]", header);
    }
}
