using Hebb.Tests.Support;
using Hebb.Serialization;
using Hebb.Tensors;

namespace Hebb.Tests.Serialization;

/// <summary>Every way a file can be wrong yields one InvalidFileException whose one-line message names the file, the field and the problem.</summary>
public sealed class SafeTensorsCorruptionTests : IDisposable
{
    private static readonly byte[] TwoFloats = new byte[8];

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void FileShorterThanTheHeaderLength() =>
        AssertInvalid([1, 2, 3], "header length", "expected a file of at least 8 bytes, found 3");

    [Fact]
    public void HeaderLengthZero() =>
        AssertInvalid([.. SafeTensorsBytes.LengthPrefix(0), .. "{}"u8], "header length", "not a safetensors file: its first 8 bytes give a header length of 0, expected 1 to 100000000 bytes");

    [Theory]
    [InlineData(100_000_001UL)]
    [InlineData(ulong.MaxValue)]
    public void HeaderLengthHuge(ulong headerLength) =>
        AssertInvalid([.. SafeTensorsBytes.LengthPrefix(headerLength), .. "{}"u8], "header length", $"not a safetensors file: its first 8 bytes give a header length of {headerLength}");

    [Fact]
    public void HeaderLengthBeyondTheEndOfTheFile() =>
        AssertInvalid([.. SafeTensorsBytes.LengthPrefix(500), .. "{}"u8], "header length", "the header needs 500 bytes, but only 2 follow");

    [Fact]
    public void HeaderNotUtf8()
    {
        var bytes = SafeTensorsBytes.Build("{\"a\": 1}", []);
        bytes[10] = 0xFF;
        AssertInvalid(bytes, "header", "expected UTF-8 JSON, found bytes that are not valid UTF-8");
    }

    [Theory]
    [InlineData("{\"w\": ")]
    [InlineData("not json")]
    [InlineData("{} {}")]
    public void HeaderNotJson(string header) =>
        AssertInvalid(SafeTensorsBytes.Build(header, []), "header", "expected JSON, found a syntax error");

    [Theory]
    [InlineData("[1, 2]", "an array")]
    [InlineData("\"w\"", "\"w\"")]
    public void HeaderNotAnObject(string header, string found) =>
        AssertInvalid(SafeTensorsBytes.Build(header, []), "header", $"expected a JSON object, found {found}");

    [Fact]
    public void HeaderKeyTwice()
    {
        var header = SafeTensorsBytes.Header(SafeTensorsBytes.Entry("w", "[2]", "[0, 8]"), SafeTensorsBytes.Entry("w", "[2]", "[8, 16]"));
        AssertInvalid(SafeTensorsBytes.Build(header, new byte[16]), "header", "expected each key once, found 'w' twice");
    }

    [Fact]
    public void TensorEntryNotAnObject() =>
        AssertInvalid(SafeTensorsBytes.Build("""{"w": [0, 8]}""", TwoFloats), "tensor 'w'", "expected an object with dtype, shape and data_offsets, found an array");

    [Theory]
    [InlineData("dtype")]
    [InlineData("shape")]
    [InlineData("data_offsets")]
    public void TensorEntryMissingAKey(string key)
    {
        var header = SafeTensorsBytes.OneTensorHeader().Replace($"\"{key}\"", "\"other\"");
        AssertInvalid(SafeTensorsBytes.Build(header, TwoFloats), $"tensor 'w' {key}", "the key is missing");
    }

    [Theory]
    [InlineData("32", "[2]", "[0, 8]", "dtype", "expected a string, found 32")]
    [InlineData("\"F32\"", "\"2\"", "[0, 8]", "shape", "expected an array, found \"2\"")]
    [InlineData("\"F32\"", "[2]", "{}", "data_offsets", "expected an array, found an object")]
    public void TensorEntryWithTheWrongJsonType(string dtype, string shape, string offsets, string key, string problem) =>
        AssertInvalid(SafeTensorsBytes.Build(SafeTensorsBytes.OneTensorHeader(dtype, shape, offsets), TwoFloats), $"tensor 'w' {key}", problem);

    [Theory]
    [InlineData("F16")]
    [InlineData("BF16")]
    [InlineData("F64")]
    public void DtypeOtherThanF32(string dtype) =>
        AssertInvalid(SafeTensorsBytes.Build(SafeTensorsBytes.OneTensorHeader($"\"{dtype}\""), TwoFloats), "tensor 'w' dtype", $"expected F32, found {dtype}");

    [Theory]
    [InlineData("[-2]", "dimension 0: expected an integer from 0 to 2147483647, found -2")]
    [InlineData("[1, 2.5]", "dimension 1: expected an integer from 0 to 2147483647, found 2.5")]
    [InlineData("[\"2\"]", "dimension 0: expected an integer from 0 to 2147483647, found \"2\"")]
    [InlineData("[4294967296]", "dimension 0: expected an integer from 0 to 2147483647, found 4294967296")]
    public void BadDimension(string shape, string problem) =>
        AssertInvalid(SafeTensorsBytes.Build(SafeTensorsBytes.OneTensorHeader(shape: shape), TwoFloats), "tensor 'w' shape", problem);

    [Theory]
    [InlineData("[8]")]
    [InlineData("[0, 4, 8]")]
    [InlineData("[-1, 8]")]
    [InlineData("[0, \"8\"]")]
    [InlineData("[0, 8.0]")]
    public void OffsetsNotTwoNonNegativeIntegers(string offsets) =>
        AssertInvalid(SafeTensorsBytes.Build(SafeTensorsBytes.OneTensorHeader(offsets: offsets), TwoFloats),
            "tensor 'w' data_offsets", "expected two non-negative integers [begin, end], found");

    [Fact]
    public void OffsetsBackwards() =>
        AssertInvalid(SafeTensorsBytes.Build(SafeTensorsBytes.OneTensorHeader(shape: "[]", offsets: "[8, 4]"), TwoFloats),
            "tensor 'w' data_offsets", "expected begin <= end, found [8, 4]");

    [Fact]
    public void ShapeThatDoesNotFitItsOffsets() =>
        AssertInvalid(SafeTensorsBytes.Build(SafeTensorsBytes.OneTensorHeader(shape: "[2, 3]", offsets: "[0, 20]"), new byte[20]),
            "tensor 'w' shape", "[2, 3] needs 24 bytes, data_offsets [0, 20] span 20");

    [Fact]
    public void ShapeTooLargeForAnArray() =>
        AssertInvalid(SafeTensorsBytes.Build(SafeTensorsBytes.OneTensorHeader(shape: "[2147483647, 2147483647, 2147483647]"), TwoFloats),
            "tensor 'w' shape", "[2147483647, 2147483647, 2147483647] holds more than 2147483591 elements, the most an array can");

    [Fact]
    public void OverlappingOffsets()
    {
        var header = SafeTensorsBytes.Header(SafeTensorsBytes.Entry("a", "[2]", "[0, 8]"), SafeTensorsBytes.Entry("b", "[2]", "[4, 12]"));
        AssertInvalid(SafeTensorsBytes.Build(header, new byte[12]), "tensor 'b' data_offsets", "[4, 12] overlap tensor 'a' [0, 8]");
    }

    [Fact]
    public void HoleBetweenTensors()
    {
        var header = SafeTensorsBytes.Header(SafeTensorsBytes.Entry("a", "[2]", "[0, 8]"), SafeTensorsBytes.Entry("b", "[1]", "[12, 16]"));
        AssertInvalid(SafeTensorsBytes.Build(header, new byte[16]), "tensor 'b' data_offsets",
            "expected to begin at 8, the end of tensor 'a' [0, 8], found [12, 16]: a hole of 4 bytes");
    }

    [Fact]
    public void HoleAtTheStart() =>
        AssertInvalid(SafeTensorsBytes.Build(SafeTensorsBytes.OneTensorHeader(offsets: "[4, 12]"), new byte[12]),
            "tensor 'w' data_offsets", "expected to begin at 0, the start of the data section, found [4, 12]");

    [Fact]
    public void OffsetsBeyondTheDataSection() =>
        AssertInvalid(SafeTensorsBytes.Build(SafeTensorsBytes.OneTensorHeader(shape: "[4]", offsets: "[0, 16]"), TwoFloats),
            "data section", "holds 8 bytes, header needs 16");

    [Fact]
    public void TruncatedFile()
    {
        var bytes = WrittenByHebb();
        AssertInvalid(bytes[..^3], "data section", "holds 21 bytes, header needs 24");
    }

    [Fact]
    public void TrailingBytesAfterTheLastTensor() =>
        AssertInvalid([.. WrittenByHebb(), 0, 0, 0, 0], "data section", "holds 28 bytes, header needs 24");

    [Theory]
    [InlineData("""{"__metadata__": {"epochs": 20}}""", "__metadata__.epochs", "expected a string, found 20")]
    [InlineData("""{"__metadata__": {"a": "1", "a": "2"}}""", "__metadata__.a", "expected each key once, found it twice")]
    [InlineData("""{"__metadata__": ["a"]}""", "__metadata__", "expected an object of strings, found an array")]
    public void MetadataNotAnObjectOfStrings(string header, string field, string problem) =>
        AssertInvalid(SafeTensorsBytes.Build(header, []), field, problem);

    [Fact]
    public void FlippedDataByteFailsTheChecksum()
    {
        var bytes = WrittenByHebb();
        bytes[^5] ^= 0x01;
        AssertInvalid(bytes, "__metadata__.hebb.sha256", "checksum mismatch: header says ");
        Assert.Contains(", data hashes to ", ReadError(bytes).Message);
    }

    [Fact]
    public void AskingForAMissingTensorNamesIt()
    {
        var path = folder.PathOf("model.safetensors");
        File.WriteAllBytes(path, WrittenByHebb());

        var error = Assert.Throws<InvalidFileException>(() => SafeTensorsReader.Read(path)["hidden2/weights"]);

        Assert.Equal($"{path}: tensors: no tensor 'hidden2/weights' among the 2 the file holds", error.Message);
    }

    /// <summary>24 bytes of data: a 2×2 and a length-2 tensor.</summary>
    private byte[] WrittenByHebb()
    {
        var path = folder.PathOf("hebb.safetensors");
        SafeTensorsWriter.Write(path, [new("hidden1/weights", Tensor.Ones(2, 2)), new("hidden1/biases", Tensor.Zeros(2))]);
        return File.ReadAllBytes(path);
    }

    private void AssertInvalid(byte[] fileBytes, string field, string problem)
    {
        var error = ReadError(fileBytes);
        Assert.Equal(folder.PathOf("corrupt.safetensors"), error.FilePath);
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"{error.FilePath}: {field}: ", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private InvalidFileException ReadError(byte[] fileBytes)
    {
        var path = folder.PathOf("corrupt.safetensors");
        File.WriteAllBytes(path, fileBytes);
        return Assert.Throws<InvalidFileException>(() => SafeTensorsReader.Read(path));
    }
}
