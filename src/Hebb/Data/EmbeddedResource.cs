namespace Hebb.Data;

/// <summary>The data sets built into Hebb.dll (see the EmbeddedResource items of Hebb.csproj).</summary>
internal static class EmbeddedResource
{
    public static Stream Open(string name) =>
        typeof(EmbeddedResource).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Hebb.dll was built without its embedded resource {name}");

    public static string ReadText(string name)
    {
        using var reader = new StreamReader(Open(name));
        return reader.ReadToEnd();
    }
}
