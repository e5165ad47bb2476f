namespace Hebb.Cli.Serve;

/// <summary>The files of the page at <c>GET /</c>, embedded in Hebb.Cli.dll (<c>Serve/Page/</c>).</summary>
internal static class PageResource
{
    public static byte[] Bytes(string name)
    {
        using var stream = typeof(PageResource).Assembly.GetManifestResourceStream($"Hebb.Cli.Serve.Page.{name}")
            ?? throw new InvalidOperationException($"Hebb.Cli.dll lacks its embedded page file {name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
