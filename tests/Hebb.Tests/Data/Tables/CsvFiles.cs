namespace Hebb.Tests.Data.Tables;

/// <summary>Small CSV files made by a test, in a folder of their own that is deleted with it.</summary>
internal sealed class CsvFiles : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hebb-csv-").FullName;

    /// <summary>Writes <paramref name="text"/> (exactly, no line end added) to a file named <paramref name="name"/>.</summary>
    public string Write(string name, string text, bool byteOrderMark = false)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(byteOrderMark));
        return path;
    }

    public string Folder => folder;

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
