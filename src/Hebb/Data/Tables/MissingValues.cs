namespace Hebb.Data.Tables;

/// <summary>What a cell that is missing looks like in a CSV file: empty, <c>NA</c>, <c>NaN</c> or <c>null</c> (in any case), as
/// pandas reads them.</summary>
public static class MissingValues
{
    /// <summary>The spellings of a missing cell, as messages list them.</summary>
    public const string Spellings = "empty, NA, NaN, null";

    /// <summary>Whether <paramref name="cell"/> stands for a missing value.</summary>
    public static bool IsMissing(ReadOnlySpan<char> cell) =>
        cell.IsEmpty || cell.Equals("NA", StringComparison.OrdinalIgnoreCase) || cell.Equals("NaN", StringComparison.OrdinalIgnoreCase)
        || cell.Equals("null", StringComparison.OrdinalIgnoreCase);
}
