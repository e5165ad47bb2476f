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

    /// <summary>A table of <paramref name="rows"/> random rows, <c>x,y,colour,label,amount</c>: two classes split by the
    /// sign of x + y, a colour that is noise, and a quantity that is 3x − 2y.</summary>
    public string LabelledTable(string name, int rows, int seed)
    {
        var random = new Random(seed);
        var text = new System.Text.StringBuilder("x,y,colour,label,amount\n");
        for (int i = 0; i < rows; i++)
        {
            double x = random.NextDouble() * 2 - 1, y = random.NextDouble() * 2 - 1;
            text.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{x:F4},{y:F4},{(i % 3 == 0 ? "red" : "blue")},{(x + y > 0 ? "up" : "down")},{3 * x - 2 * y:F4}\n"));
        }
        return Write(name, text.ToString());
    }

    public string Folder => folder;

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
