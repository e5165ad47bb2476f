namespace Hebb.Data.Tables;

/// <summary>
/// One column of a table as read: numbers (a missing cell is NaN) or text (a missing cell is null). A column is numeric
/// when its first non-missing cell is a number; a later cell that is not one is then an error, so that a stray word in a
/// column of numbers is reported rather than silently turning the column into categories.
/// </summary>
public sealed class TableColumn
{
    internal TableColumn(string name, float[]? numbers, string?[]? texts)
    {
        Name = name;
        Numbers = numbers;
        Texts = texts;
    }

    /// <summary>The column's name in the header row.</summary>
    public string Name { get; }

    /// <summary>True when the column holds numbers (<see cref="Numbers"/>), false for text (<see cref="Texts"/>).</summary>
    public bool IsNumeric => Numbers is not null;

    /// <summary>A number per row, NaN where the cell is missing; null for a text column.</summary>
    public float[]? Numbers { get; }

    /// <summary>The text of each row, null where the cell is missing; null for a numeric column.</summary>
    public string?[]? Texts { get; }

    /// <summary>The cells of <paramref name="rows"/>, in that order.</summary>
    internal TableColumn Subset(IReadOnlyList<int> rows) =>
        new(Name, Numbers is null ? null : rows.Select(row => Numbers[row]).ToArray(), Texts is null ? null : rows.Select(row => Texts[row]).ToArray());

    /// <summary>Whether the cell of row <paramref name="row"/> is missing.</summary>
    public bool IsMissing(int row) => Numbers is not null ? float.IsNaN(Numbers[row]) : Texts![row] is null;

    /// <summary>The cell of row <paramref name="row"/> as text (a number in its shortest invariant form), null when missing.</summary>
    public string? Text(int row) => IsMissing(row) ? null
        : Numbers is not null ? Numbers[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture) : Texts![row];
}
