namespace Hebb.Data.Tables;

/// <summary>A table read from a CSV file (see <see cref="CsvTable.Read(string, char)"/>): named columns of numbers or text, and the
/// file's line number of every row, for messages.</summary>
public sealed class Table
{
    private readonly Dictionary<string, TableColumn> byName;

    internal Table(string source, IReadOnlyList<TableColumn> columns, int[] lines)
    {
        Source = source;
        Columns = columns;
        Lines = lines;
        byName = columns.ToDictionary(column => column.Name, StringComparer.Ordinal);
    }

    /// <summary>The file the table came from, as messages name it.</summary>
    public string Source { get; }

    /// <summary>The columns, in the file's order.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The line of the file on which each row starts (1 is the header's).</summary>
    public int[] Lines { get; }

    /// <summary>Data rows.</summary>
    public int RowCount => Lines.Length;

    /// <summary>The column names, in the file's order.</summary>
    public IEnumerable<string> Names => Columns.Select(column => column.Name);

    /// <summary>The rows at <paramref name="rows"/>, in that order, as a table of the same columns and source.</summary>
    public Table Subset(IReadOnlyList<int> rows) => new(Source, Columns.Select(column => column.Subset(rows)).ToList(),
        rows.Select(row => Lines[row]).ToArray());

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public TableColumn? Column(string name) => byName.GetValueOrDefault(name);
}
