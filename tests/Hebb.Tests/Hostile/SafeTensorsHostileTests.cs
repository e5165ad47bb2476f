using System.Text;
using Hebb.Serialization;
using Hebb.Tests.Serialization;
using Hebb.Tests.Support;

namespace Hebb.Tests.Hostile;

/// <summary>The model-file defects of issue 11, each as the file that showed it.</summary>
public sealed class SafeTensorsHostileTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("""{"\ud800": {}}""", "header key")]
    [InlineData("""{"w": {"dtype": "\ud800", "shape": [2], "data_offsets": [0, 8]}}""", "tensor 'w' dtype")]
    [InlineData("""{"__metadata__": {"\udc00x": "1"}}""", "__metadata__ key")]
    [InlineData("""{"__metadata__": {"format": "a\ud800"}}""", "__metadata__.format")]
    public void LoneSurrogateEscapeIsAFormatErrorNamingTheField(string header, string field)
    {
        var error = Reject(SafeTensorsBytes.Build(header, new byte[8]));
        Assert.Equal(field, error.Field);
        Assert.Contains("lone UTF-16 surrogate", error.Message);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(400_000)]
    public void ShapeOfVeryManyDimensionsIsRefusedAtOnce(int rank)
    {
        var shape = "[" + string.Join(",", Enumerable.Repeat("1", rank)) + "]";
        var error = Reject(SafeTensorsBytes.Build(SafeTensorsBytes.OneTensorHeader(shape: shape, offsets: "[0, 4]"), new byte[4]));
        Assert.Equal("tensor 'w' shape", error.Field);
        Assert.Contains($"expected at most {FileLimits.MaxRank} dimensions, found {rank}", error.Message);
    }

    [Fact]
    public void HugeProductOfDimensionsIsRefusedWithoutOverflow()
    {
        var shape = "[" + string.Join(",", Enumerable.Repeat("2147483647", 60)) + "]";
        var error = Reject(SafeTensorsBytes.Build(SafeTensorsBytes.OneTensorHeader(shape: shape, offsets: "[0, 4]"), new byte[4]));
        Assert.Contains("holds more than", error.Message);
    }

    [Theory]
    [InlineData("w\u001b[31mred\u0000")]
    [InlineData("\u0007\u0008\u007f\u009b")]
    public void NamesAndDtypesAreEchoedEscaped(string name)
    {
        var json = "{" + System.Text.Json.JsonSerializer.Serialize(name) + ": {\"dtype\": " + System.Text.Json.JsonSerializer.Serialize(name) +
                   ", \"shape\": [2], \"data_offsets\": [0, 8]}}";
        var error = Reject(SafeTensorsBytes.Build(json, new byte[8]));
        Assert.Contains(InvalidFileException.Echo(name), error.Message);
    }

    [Fact]
    public void EchoWritesControlCharactersAsEscapesAndCutsLongText()
    {
        Assert.Equal("a\\x1b[1m\\0\\n", InvalidFileException.Echo("a\u001b[1m\0\n"));
        var cut = InvalidFileException.Echo(new string('x', 10_000));
        Assert.Equal(InvalidFileException.MaxEchoedChars + " (10000 characters)".Length + 1, cut.Length);
        Assert.EndsWith("… (10000 characters)", cut);
    }

    [Fact]
    public void LongNameIsCutInTheMessage()
    {
        var name = new string('n', 2_000_000);
        var error = Reject(SafeTensorsBytes.Build(SafeTensorsBytes.Header(SafeTensorsBytes.Entry(name, "[2]", "[0, 8]", "\"F16\"")), new byte[8]));
        Assert.Contains("(2000000 characters)", error.Message);
    }

    [Fact]
    public void APngIsSaidNotToBeASafetensorsFile()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 28];
        var error = Reject(png);
        Assert.Equal("header length", error.Field);
        Assert.Contains("not a safetensors file", error.Message);
    }

    [Fact]
    public void TextFileIsSaidNotToBeASafetensorsFile()
    {
        var error = Reject(Encoding.ASCII.GetBytes("hello, this is a text file and nothing more\n"));
        Assert.Contains("not a safetensors file", error.Message);
    }

    private InvalidFileException Reject(byte[] bytes)
    {
        var path = folder.PathOf("hostile.safetensors");
        File.WriteAllBytes(path, bytes);
        return HostileInput.AssertRejected(() => SafeTensorsReader.Read(path), bytes.Length);
    }
}
