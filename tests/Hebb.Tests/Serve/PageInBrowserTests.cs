using System.Diagnostics;
using System.Text.Json;
using Hebb.Cli.Serve;
using Hebb.Data;
using Hebb.Tests.Cli;
using Hebb.Tests.Support;

namespace Hebb.Tests.Serve;

/// <summary>hebb serve's page in real headless Chromium (Debian's <c>chromium</c>, driven by npm's <c>playwright-core</c>
/// from <c>tools/browser</c>): a test digit drawn on its pad gets the class <c>hebb predict</c> gives the same image, and
/// its script scales a drawing as MNIST was made.</summary>
public sealed class PageInBrowserTests(ShortTrainingRun saved) : IClassFixture<ShortTrainingRun>
{
    [BrowserFact]
    public async Task ADrawnTestDigitGetsTheClassHebbPredictGivesAndTheBarsShowIt()
    {
        byte[] digit = MnistData.LoadBuiltInSample().Test.Pixels.AsSpan(0, 784).ToArray();
        using var folder = new TemporaryFolder();
        string png = folder.PathOf("digit.png");
        PngFile.WriteGrayscale(png, 28, 28, digit);
        var predict = CliRun.Of("predict", "--model", saved.Path, "--image", png, "--json");
        predict.AssertSucceeded();
        int expected = predict.JsonLines()[0].GetProperty("predicted").GetInt32();

        await using var server = await PredictionServer.StartAsync(
            new ServeOptions(saved.Path, "127.0.0.1", 0, 256, TimeSpan.FromMicroseconds(500), ServeOptions.DefaultMaxBody, Watch: false), TextWriter.Null);
        using var answer = JsonDocument.Parse(Browser.DrawDigit(server.Url, digit));
        var page = answer.RootElement;

        Assert.Equal(10, page.GetProperty("bars").GetInt32());
        Assert.Equal(expected, page.GetProperty("class").GetInt32());
        Assert.Equal(expected, page.GetProperty("bestBar").GetInt32());
        Assert.Equal(page.GetProperty("probability").GetDouble(), page.GetProperty("bestLength").GetDouble(), 0.01);
        // The test digits are already MNIST-scaled, so the page's scaling gives them back, give or take a pixel's shift.
        var sent = page.GetProperty("sent").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        Assert.Equal(digit.Sum(p => p / 255.0), sent.Sum(v => (double)v), 1.0);
    }

    [BrowserFact]
    public async Task APenStrokeIsScaledToTwentyPixelsAndCentredByItsCentreOfMass()
    {
        await using var server = await PredictionServer.StartAsync(
            new ServeOptions(saved.Path, "127.0.0.1", 0, 256, TimeSpan.FromMicroseconds(500), ServeOptions.DefaultMaxBody, Watch: false), TextWriter.Null);
        using var answer = JsonDocument.Parse(Browser.DrawDigit(server.Url, new byte[784]));
        var page = answer.RootElement;
        var bar = page.GetProperty("bar").EnumerateArray().Select(v => v.GetSingle()).ToArray();

        // A 100x50 bar in the pad's lower left becomes a 20x10 block of ones, its centre of mass at (14, 14).
        var lit = Enumerable.Range(0, 784).Where(i => bar[i] > 0).ToArray();
        Assert.Equal(200, lit.Length);
        Assert.All(lit, i => Assert.Equal(1f, bar[i]));
        Assert.Equal((4, 23), (lit.Min(i => i % 28), lit.Max(i => i % 28)));
        Assert.Equal((9, 18), (lit.Min(i => i / 28), lit.Max(i => i / 28)));
    }
}

/// <summary>A <see cref="FactAttribute"/> skipped, saying why, when Chromium, node or playwright-core is missing and
/// the tests do not run in CI (<c>CI</c> set, as .ci/run sets it), where the test fails instead.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Browser.Missing() is { } missing && Environment.GetEnvironmentVariable("CI") is null)
            Skip = $"{missing}: .ci/run installs it (apt-get install -y chromium nodejs npm; npm install --prefix tools/browser)";
    }
}

/// <summary>Runs the scripts of <c>tools/browser</c> in node against a served page.</summary>
internal static class Browser
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("HEBB_CHROMIUM") ?? "/usr/bin/chromium";
    private static readonly string Tools = RepositoryRoot.PathOf("tools", "browser");

    /// <summary>What the test lacks, or null.</summary>
    public static string? Missing()
    {
        if (!File.Exists(Chromium)) return $"no Chromium at {Chromium} (HEBB_CHROMIUM)";
        if (OnPath("node") is null) return "no node on PATH";
        if (!Directory.Exists(Path.Combine(Tools, "node_modules", "playwright-core"))) return $"no playwright-core in {Tools}/node_modules";
        return null;
    }

    /// <summary><c>draw-digit.mjs</c>'s JSON line for <paramref name="pixels"/> (28x28 bytes) drawn on the page at <paramref name="url"/>.</summary>
    public static string DrawDigit(Uri url, ReadOnlySpan<byte> pixels) => Run("draw-digit.mjs", url, string.Join(",", pixels.ToArray()));

    /// <summary><c>fill-table.mjs</c>'s JSON line for the form of the page at <paramref name="url"/> filled with
    /// <paramref name="row"/>, a JSON object of column name to value.</summary>
    public static string FillTable(Uri url, string row) => Run("fill-table.mjs", url, row);

    private static string Run(string script, Uri url, string data)
    {
        if (Missing() is { } missing) throw new InvalidOperationException(missing);
        var start = new ProcessStartInfo(OnPath("node")!) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Tools };
        foreach (string argument in new[] { script, url.ToString(), Chromium, data })
            start.ArgumentList.Add(argument);
        using var node = Process.Start(start)!;
        var error = node.StandardError.ReadToEndAsync();
        string output = node.StandardOutput.ReadToEnd();
        if (!node.WaitForExit(60_000)) { node.Kill(entireProcessTree: true); throw new TimeoutException($"{script} ran over 60 s"); }
        Assert.True(node.ExitCode == 0, $"{script} exited {node.ExitCode}: {error.Result}");
        return output.Trim();
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
