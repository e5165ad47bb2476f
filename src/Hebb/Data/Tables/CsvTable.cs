using nietras.SeparatedValues;

namespace Hebb.Data.Tables;

/// <summary>
/// Reads a CSV file into a <see cref="Table"/> with Sep (a SIMD parser that parses floats without making strings): a
/// header row of unique column names, RFC 4180 quoting (separators, quotes and line breaks inside quoted fields), a UTF-8
/// byte-order mark, <c>\n</c> or <c>\r\n</c> line ends, blank lines skipped as pandas skips them. Every problem of the
/// file is an <see cref="InvalidFileException"/> naming the file, the line and the column.
/// </summary>
public static class CsvTable
{
    /// <summary>Reads <paramref name="path"/>, fields separated by <paramref name="delimiter"/> (',', ';', '\t', ...).</summary>
    /// <exception cref="InvalidFileException">The file is empty, has no data row, repeats a column name, has a row with another
    /// number of fields than the header, text in a column of numbers, or a quoted field that is not closed.</exception>
    public static Table Read(string path, char delimiter = ',')
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = Sep.Reader(options => Options(options, delimiter)).FromFile(path);
        return Read(reader, path);
    }

    /// <summary>Reads a CSV file's bytes from <paramref name="stream"/>; messages name it <paramref name="source"/>.</summary>
    /// <exception cref="InvalidFileException">As <see cref="Read(string, char)"/>.</exception>
    public static Table Read(Stream stream, string source, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = Sep.Reader(options => Options(options, delimiter)).From(stream);
        return Read(reader, source);
    }

    private static SepReaderOptions Options(SepReaderOptions options, char delimiter) => options with
    {
        Sep = new Sep(delimiter), HasHeader = false, Unescape = true, DisableColCountCheck = true,
    };

    private static Table Read(SepReader reader, string path)
    {
        ColumnBuilder[]? columns = null;
        var lines = new List<int>();
        foreach (var row in reader)
        {
            if (row.Span.Count('"') % 2 != 0) throw Unterminated(path, row, columns);
            if (row.ColCount == 1 && row[0].Span.IsEmpty) continue;
            if (columns is null)
            {
                columns = Header(path, row);
                continue;
            }
            if (row.ColCount != columns.Length)
            {
                string column = row.ColCount < columns.Length ? $"column '{InvalidFileException.Echo(columns[row.ColCount].Name)}'" : $"column {columns.Length + 1}";
                throw new InvalidFileException(path, $"line {row.LineNumberFrom}, {column}",
                    $"expected {columns.Length} fields as in the header, found {row.ColCount}");
            }
            for (int i = 0; i < columns.Length; i++) columns[i].Add(row[i], path, row.LineNumberFrom);
            lines.Add(row.LineNumberFrom);
        }
        if (columns is null) throw new InvalidFileException(path, "line 1", "expected a header row of column names, found an empty file");
        if (lines.Count == 0) throw new InvalidFileException(path, "line 2", "expected a data row after the header, found none");
        return new Table(path, columns.Select(column => column.Build()).ToList(), lines.ToArray());
    }

    /// <summary>The line a row starts on: Sep numbers the first row of a file as if it started a line late.</summary>
    private static int StartLine(SepReader.Row row) => row.RowIndex == 0 ? 1 : row.LineNumberFrom;

    /// <summary>
    /// A quoted field whose closing quote never comes: Sep reads the rest of the file into it, so it is the last field of
    /// the last row, and the row holds an odd number of quotes. The error names the line of the quote that opened it.
    /// </summary>
    private static InvalidFileException Unterminated(string path, SepReader.Row row, ColumnBuilder[]? columns)
    {
        var text = row.Span;
        int opening = 0;
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '"')
            {
                if (!quoted) opening = i;
                quoted = !quoted;
            }
        int line = StartLine(row) + text[..opening].Count('\n');
        int field = row.ColCount - 1;
        string column = columns is not null && field < columns.Length ? $"column '{InvalidFileException.Echo(columns[field].Name)}'" : $"column {field + 1}";
        return new InvalidFileException(path, $"line {line}, {column}",
            "expected a closing quote for the quoted field that opens here, found the end of the file");
    }

    private static ColumnBuilder[] Header(string path, SepReader.Row row)
    {
        var columns = new ColumnBuilder[row.ColCount];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int line = StartLine(row);
        for (int i = 0; i < columns.Length; i++)
        {
            string name = row[i].ToString().Trim().TrimStart('\uFEFF');
            if (name.Length == 0)
                throw new InvalidFileException(path, $"line {line}, column {i + 1}", "expected a column name, found an empty field");
            if (!seen.TryAdd(name, i))
                throw new InvalidFileException(path, $"line {line}, column '{InvalidFileException.Echo(name)}'",
                    $"expected each column name once, found it as columns {seen[name] + 1} and {i + 1}");
            columns[i] = new ColumnBuilder(name);
        }
        return columns;
    }

    /// <summary>A column as it is read: its type is that of its first non-missing cell.</summary>
    private sealed class ColumnBuilder(string name)
    {
        private List<float>? numbers;
        private List<string?>? texts;
        private int leadingMissing;

        public string Name => name;

        public void Add(SepReader.Col cell, string path, int line)
        {
            bool missing = MissingValues.IsMissing(cell.Span);
            if (numbers is null && texts is null)
            {
                if (missing) { leadingMissing++; return; }
                if (cell.TryParse<float>() is not null) numbers = [.. Enumerable.Repeat(float.NaN, leadingMissing)];
                else texts = [.. Enumerable.Repeat<string?>(null, leadingMissing)];
            }
            if (numbers is not null)
            {
                if (missing) { numbers.Add(float.NaN); return; }
                if (cell.TryParse<float>() is not float value || !float.IsFinite(value))
                    throw new InvalidFileException(path, $"line {line}, column '{InvalidFileException.Echo(name)}'",
                        $"expected a number (the column's first value is one) or a missing value ({MissingValues.Spellings}), found '{InvalidFileException.Echo(cell.ToString())}'");
                numbers.Add(value);
            }
            else texts!.Add(missing ? null : cell.ToString());
        }

        public TableColumn Build() => texts is not null
            ? new TableColumn(name, null, texts.ToArray())
            : new TableColumn(name, numbers?.ToArray() ?? [.. Enumerable.Repeat(float.NaN, leadingMissing)], null);
    }
}
