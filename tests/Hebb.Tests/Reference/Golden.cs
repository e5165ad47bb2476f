using System.Text.Json;
using Hebb.Tensors;

namespace Hebb.Tests.Reference;

/// <summary>
/// PyTorch's figures for the same inputs, made by <c>tools/reference/make_golden.py</c> and committed in
/// <c>TestData/reference/golden.json</c> (layout in the README beside it).
/// </summary>
internal static class Golden
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "reference", "golden.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static JsonElement At(string path) =>
        path.Split('.').Aggregate(Root, (element, key) => element.GetProperty(key));

    public static Tensor Tensor(JsonElement element)
    {
        var shape = element.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var data = element.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        return new Tensor(data, shape);
    }

    public static Tensor Tensor(string path) => Tensor(At(path));

    public static int[] Ints(string path) => At(path).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static float Float(string path) => (float)At(path).GetDouble();

    /// <summary>Each element within 1e-5 relative of PyTorch's (with a 1e-7 floor for values near zero).</summary>
    public static void AssertClose(Tensor expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < actual.Length; i++)
            AssertClose(expected.Data[i], actual[i], $"{what}[{i}]");
    }

    public static void AssertClose(float expected, float actual, string what)
    {
        double tolerance = 1e-5 * Math.Abs(expected) + 1e-7;
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: PyTorch gives {expected:R}, Hebb {actual:R}");
    }
}
