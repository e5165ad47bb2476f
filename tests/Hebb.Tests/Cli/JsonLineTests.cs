using System.Text.Json;
using Hebb.Cli.Output;

namespace Hebb.Tests.Cli;

public class JsonLineTests
{
    [Fact]
    public void EveryKindOfValueTheCommandsPrintRoundTrips()
    {
        var line = Json.Line(new Dictionary<string, object?>
        {
            ["text"] = "a \"quoted\" /path/é",
            ["int"] = -3,
            ["uint"] = 42u,
            ["long"] = 1L << 40,
            ["ulong"] = ulong.MaxValue,
            ["float"] = 1.9317007E-07f,
            ["double"] = 0.1,
            ["nan"] = double.NaN,
            ["infinity"] = float.PositiveInfinity,
            ["null"] = null,
            ["flag"] = true,
            ["nested"] = new[] { new[] { 1, 2 }, new[] { 3 } },
            ["rows"] = new[] { new Dictionary<string, object?> { ["a"] = 1.5f } },
            ["element"] = JsonDocument.Parse("{\"x\":[1,2]}").RootElement,
        });
        Assert.DoesNotContain('\n', line);
        var root = JsonDocument.Parse(line).RootElement;
        Assert.Equal("a \"quoted\" /path/é", root.GetProperty("text").GetString());
        Assert.Contains("/path/é", line);
        Assert.Equal(-3, root.GetProperty("int").GetInt32());
        Assert.Equal(42u, root.GetProperty("uint").GetUInt32());
        Assert.Equal(1L << 40, root.GetProperty("long").GetInt64());
        Assert.Equal(ulong.MaxValue, root.GetProperty("ulong").GetUInt64());
        Assert.Equal(1.9317007E-07f, root.GetProperty("float").GetSingle());
        Assert.Equal(0.1, root.GetProperty("double").GetDouble());
        Assert.Equal("NaN", root.GetProperty("nan").GetString());
        Assert.Equal("Infinity", root.GetProperty("infinity").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("null").ValueKind);
        Assert.True(root.GetProperty("flag").GetBoolean());
        Assert.Equal(3, root.GetProperty("nested")[1][0].GetInt32());
        Assert.Equal(1.5f, root.GetProperty("rows")[0].GetProperty("a").GetSingle());
        Assert.Equal(2, root.GetProperty("element").GetProperty("x")[1].GetInt32());
    }

    [Fact]
    public void AValueWithoutAJsonFormIsRefused() =>
        Assert.Throws<ArgumentException>(() => Json.Line(new Dictionary<string, object?> { ["when"] = DateTime.UnixEpoch }));
}
