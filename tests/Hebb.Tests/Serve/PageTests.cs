namespace Hebb.Tests.Serve;

/// <summary><c>GET /</c>: the page embedded in Hebb.Cli.dll, which draws itself from <c>GET /v1/model</c> and sends the
/// canvas to <c>POST /v1/predict</c>. What its script does is checked in headless Chromium (PageInBrowserTests).</summary>
public sealed class PageTests
{
    [Fact]
    public async Task TheRootServesThePageWithItsCanvasBarsAndCallsToTheApi()
    {
        await using var served = await ServedFolder.StartAsync();
        using var response = await served.Client.GetAsync("");
        string page = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, page);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!doctype html>", page);
        Assert.Contains("<canvas id=\"pad\" width=\"280\" height=\"280\"", page);
        Assert.Contains("<ol id=\"bars\">", page);
        Assert.Contains("fetch(\"v1/model\")", page);
        Assert.Contains("fetch(\"v1/predict\"", page);
        Assert.EndsWith("</html>\n", page);
    }
}
