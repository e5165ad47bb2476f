using Hebb.Data.Tables;

namespace Hebb.Tests.Data.Tables;

public sealed class CsvTableTests : IDisposable
{
    private readonly CsvFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void ReadsHeaderNumbersTextAndQuotedFields()
    {
        var table = CsvTable.Read(files.Write("t.csv", "a,b,name\n1,2.5,\"x, y\"\n3,-4e1,\"say \"\"hi\"\"\"\n"));

        Assert.Equal(["a", "b", "name"], table.Names);
        Assert.Equal([1f, 3f], table.Column("a")!.Numbers!);
        Assert.Equal([2.5f, -40f], table.Column("b")!.Numbers!);
        Assert.Equal(new string?[] { "x, y", "say \"hi\"" }, table.Column("name")!.Texts!.AsEnumerable());
        Assert.Equal([2, 3], table.Lines);
    }

    [Fact]
    public void AcceptsByteOrderMarkCrLfBlankLinesAndAnotherDelimiter()
    {
        var table = CsvTable.Read(files.Write("t.csv", "a;b\r\n1;2\r\n\r\n3;4\r\n", byteOrderMark: true), ';');

        Assert.Equal(["a", "b"], table.Names);
        Assert.Equal([2f, 4f], table.Column("b")!.Numbers!);
        Assert.Equal([2, 4], table.Lines);
    }

    [Fact]
    public void MissingCellsAreNaNOrNull()
    {
        var table = CsvTable.Read(files.Write("t.csv", "a,b\n,x\nNA,\n2,NaN\n"));

        Assert.True(table.Column("a")!.IsNumeric);
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(table.Column("a")!.IsMissing));
        Assert.Equal(new[] { "x", null, null }, table.Column("b")!.Texts!.AsEnumerable());
    }

    [Theory]
    [InlineData("", "line 1", "empty file")]
    [InlineData("a,b\n", "line 2", "no")]
    [InlineData("a,a\n1,2\n", "column 'a'", "once")]
    [InlineData("a,\n1,2\n", "column 2", "column name")]
    [InlineData("a,b\n1,2\n3\n", "line 3, column 'b'", "expected 2 fields")]
    [InlineData("a,b\n1,2\n3,4,5\n", "line 3, column 3", "expected 2 fields")]
    [InlineData("a,b\n1,2\n3,oops\n", "line 3, column 'b'", "expected a number")]
    [InlineData("a,b\n1,2\n3,\"x", "line 3, column 'b'", "closing quote")]
    [InlineData("a,b\n1,2\n3,\"x, \"\"y\"\"\n4,5\n", "line 3, column 'b'", "closing quote")]
    [InlineData("a,b\r\n1,\"a\r\nb\"\r\n2,\"c\r\nd\r\n", "line 4, column 'b'", "closing quote")]
    [InlineData("a,\"b\n1,2\n", "line 1, column 2", "closing quote")]
    public void MalformedFilesNameTheFileTheLineAndTheColumn(string text, string where, string problem)
    {
        string path = files.Write("bad.csv", text);

        var error = Assert.Throws<InvalidFileException>(() => CsvTable.Read(path));

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(where, error.Message);
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void AStreamIsReadAsAFileIsAndNamedAsItsSourceSays()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("x,name\n1.5,\"a, b\"\n");

        var table = CsvTable.Read(new MemoryStream(bytes), "upload.csv");

        Assert.Equal([1.5f], table.Column("x")!.Numbers!);
        Assert.Equal(new[] { "a, b" }, table.Column("name")!.Texts!.AsEnumerable());
        var error = Assert.Throws<InvalidFileException>(() => CsvTable.Read(new MemoryStream("x\n\"1\n"u8.ToArray()), "upload.csv"));
        Assert.StartsWith("upload.csv: line 2, column 'x'", error.Message);
    }
}
