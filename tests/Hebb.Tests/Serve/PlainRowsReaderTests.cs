using System.Globalization;
using System.Text;
using System.Text.Json;
using Hebb.Activations;
using Hebb.Cli.Serve;
using Hebb.Layers;
using Hebb.Serialization;

namespace Hebb.Tests.Serve;

/// <summary>
/// The server's quick reader of rows of numbers against System.Text.Json on the same bodies: every number it takes
/// has the bits <see cref="Utf8JsonReader.GetSingle"/> gives, and every body outside its narrow shape, valid JSON or
/// not, it leaves to the JSON reader untouched.
/// </summary>
public sealed class PlainRowsReaderTests
{
    private const int Width = 3;
    private static readonly ServedModel Model =
        new(new SavedModel("test", Mlp.Create(Width, [4], 2, Activation.Relu, seed: 1), new Dictionary<string, string>()), maxBatch: 64);

    private static readonly string[] Formats = ["R", "G9", "E9", "E2", "F3", "F0", "0.0###e+0", "0.00000000000000000000000000000###"];

    [Fact]
    public void EveryNumberReadHasTheBitsOfTheJsonReader()
    {
        var random = new Random(7);
        for (int body = 0; body < 500; body++)
        {
            var rows = new List<string[]>();
            for (int row = 0, count = random.Next(1, 5); row < count; row++)
                rows.Add(Enumerable.Range(0, Width).Select(_ => Spelling(random)).ToArray());
            string space = random.Next(3) switch { 0 => "", 1 => " ", _ => "\n\t " };
            string text = "{" + space + "\"instances\"" + space + ":" + space + "[" + string.Join("," + space,
                rows.Select(cells => "[" + space + string.Join(space + "," + space, cells) + space + "]")) + space + "]" + space + "}" + space;

            var request = new PendingRequest();
            request.Begin(Model);
            Assert.True(PlainRowsReader.TryRead(Encoding.UTF8.GetBytes(text), request), text);

            var expected = JsonDocument.Parse(text).RootElement.GetProperty("instances").EnumerateArray()
                .SelectMany(row => row.EnumerateArray().Select(cell => cell.GetSingle())).ToArray();
            Assert.Equal(rows.Count, request.Rows);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(request.Inputs[i]),
                    $"{text}: value {i} read as {request.Inputs[i]:R}, the JSON reader gives {expected[i]:R}");
        }
    }

    [Theory]
    [InlineData("""{"instances": [[01, 0, 0]]}""")]                 // a leading zero: not JSON
    [InlineData("""{"instances": [[1., 0, 0]]}""")]
    [InlineData("""{"instances": [[.5, 0, 0]]}""")]
    [InlineData("""{"instances": [[+1, 0, 0]]}""")]
    [InlineData("""{"instances": [[1e, 0, 0]]}""")]
    [InlineData("""{"instances": [[-, 0, 0]]}""")]
    [InlineData("""{"instances": [[NaN, 0, 0]]}""")]
    [InlineData("""{"instances": [[1e39, 0, 0]]}""")]               // beyond float32
    [InlineData("""{"instances": [[0, 0]]}""")]                     // a row of the wrong width
    [InlineData("""{"instances": [[0, 0, 0, 0]]}""")]
    [InlineData("""{"instances": [[0, 0, 0]]} x""")]                // something after the object
    [InlineData("""{"instances": [[0, 0, 0],]}""")]
    [InlineData("""{"instances": []}""")]
    [InlineData("""{"\u0069nstances": [[0, 0, 0]]}""")]            // an escaped name, which only the JSON reader decodes
    [InlineData("""{"instances": [[0, 0, 0]], "other": 1}""")]
    [InlineData("""{"instances": [["0", 0, 0]]}""")]
    [InlineData("""{"instances": [[0, 0, 0]]""")]
    [InlineData("""{"instances": [[0,""")]
    [InlineData("")]
    public void ABodyOutsideItsShapeIsLeftToTheJsonReaderWithNoRowTaken(string text)
    {
        var request = new PendingRequest();
        request.Begin(Model);

        Assert.False(PlainRowsReader.TryRead(Encoding.UTF8.GetBytes(text), request));
        Assert.Equal(0, request.Rows);
    }

    /// <summary>A float32 written as JSON the many ways a client might: shortest round trip, fixed, exponent, integers,
    /// zeros, subnormals and extremes.</summary>
    private static string Spelling(Random random)
    {
        float value = random.Next(6) switch
        {
            0 => 0f,
            1 => random.Next(-300, 300),
            2 => (float)(random.NextDouble() * 2 - 1),
            3 => (float)Math.ScaleB(random.NextDouble(), random.Next(-149, 128)),
            4 => random.Next(2) == 0 ? float.Epsilon : float.MaxValue,
            _ => random.Next(256) / 255f,
        };
        if (random.Next(4) == 0) value = -value;
        string text = value.ToString(Formats[random.Next(Formats.Length)], CultureInfo.InvariantCulture);
        // .NET writes "E+05" and "-0"; JSON takes both. It has no "∞", which the values above never reach.
        return random.Next(5) == 0 && text == "0" ? "0.0" : text;
    }
}
