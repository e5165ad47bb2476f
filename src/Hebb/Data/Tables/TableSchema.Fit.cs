using System.Globalization;

namespace Hebb.Data.Tables;

public sealed partial record TableSchema
{
    private const string MissingMessage =
        $"expected a value, found a missing one ({MissingValues.Spellings}); the missing-value policy drop, mean or most-frequent (hebb: --missing) would accept it";

    private static TableColumn Find(Table table, string name, string role) => table.Column(name)
        ?? throw new ArgumentException($"no {role} column '{InvalidFileException.Echo(name)}' in {table.Source}; its columns are {Listed(table.Names)}");

    /// <summary>The rows with every feature and the target present; under <see cref="MissingPolicy.Error"/> the first missing
    /// cell is an error instead, under mean and most-frequent only a missing target drops a row.</summary>
    private static List<int> KeptRows(Table table, TableColumn[] features, TableColumn? target, MissingPolicy policy)
    {
        var kept = new List<int>(table.RowCount);
        for (int row = 0; row < table.RowCount; row++)
        {
            TableColumn? missing = null;
            foreach (var column in features)
                if (column.IsMissing(row)) { missing = column; break; }
            bool targetMissing = target?.IsMissing(row) ?? false;
            if (policy == MissingPolicy.Error && (missing ?? (targetMissing ? target : null)) is { } absent)
                throw new InvalidFileException(table.Source, Cell(table, row, absent.Name), MissingMessage);
            if (targetMissing || (policy == MissingPolicy.Drop && missing is not null)) continue;
            kept.Add(row);
        }
        return kept;
    }

    private static TargetColumn FitTarget(Table table, TableColumn column, int[] rows, LearningTask? asked)
    {
        if (rows.Length == 0) throw new InvalidFileException(table.Source, $"column '{InvalidFileException.Echo(column.Name)}'", "expected at least one row with a target, found none");
        var (task, reason) = asked is LearningTask given ? (given, $"asked for ({given.ToString().ToLowerInvariant()})") : TaskInference.Infer(column, rows);
        string span = $"lines {table.Lines[rows[0]]}-{table.Lines[rows[^1]]}, column '{InvalidFileException.Echo(column.Name)}'";
        if (task == LearningTask.Regression)
        {
            if (!column.IsNumeric)
                throw new InvalidFileException(table.Source, Cell(table, rows[0], column.Name),
                    $"expected a number for a regression target, found '{InvalidFileException.Echo(column.Text(rows[0])!)}'");
            var (mean, scale) = MeanAndScale(column.Numbers!, rows);
            return new TargetColumn(column.Name, task, reason, [], mean, scale);
        }
        var classes = Ordered(column, rows.Select(row => column.Text(row)!).Distinct(StringComparer.Ordinal));
        if (classes.Length < 2)
            throw new InvalidFileException(table.Source, span, $"expected at least two classes in the target, found only '{InvalidFileException.Echo(classes[0])}'");
        return new TargetColumn(column.Name, task, reason, classes, 0, 1);
    }

    private static FeatureColumn FitFeature(TableColumn column, int[] rows, MissingPolicy policy)
    {
        if (column.IsNumeric)
        {
            var (mean, scale) = MeanAndScale(column.Numbers!, rows);
            string? fill = policy switch
            {
                MissingPolicy.Mean => mean.ToString("R", CultureInfo.InvariantCulture),
                MissingPolicy.MostFrequent => MostFrequent(rows.Where(row => !column.IsMissing(row)).Select(row => column.Text(row)!)),
                _ => null,
            };
            return new FeatureColumn(column.Name, true, mean, scale, [], fill);
        }
        var texts = rows.Where(row => !column.IsMissing(row)).Select(row => column.Texts![row]!).ToList();
        var categories = texts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        string? category = policy is MissingPolicy.Mean or MissingPolicy.MostFrequent ? MostFrequent(texts) : null;
        return new FeatureColumn(column.Name, false, 0, 1, categories, category);
    }

    /// <summary>The mean and population standard deviation of the present (not NaN) values at <paramref name="rows"/>, the
    /// deviation 1 where it is 0, as StandardScaler; two passes in double, the mean first, so that a large mean does not
    /// swallow the deviation.</summary>
    private static (double Mean, double Scale) MeanAndScale(float[] numbers, int[] rows)
    {
        double sum = 0;
        int count = 0;
        foreach (int row in rows)
            if (!float.IsNaN(numbers[row])) { sum += numbers[row]; count++; }
        double mean = count == 0 ? 0 : sum / count;
        double squares = 0;
        foreach (int row in rows)
            if (!float.IsNaN(numbers[row])) squares += (numbers[row] - mean) * (numbers[row] - mean);
        double scale = count == 0 ? 0 : Math.Sqrt(squares / count);
        return (mean, scale > 0 ? scale : 1);
    }

    /// <summary>The most frequent value, ties to the ordinally first; null when there is none.</summary>
    private static string? MostFrequent(IEnumerable<string> values) => values.GroupBy(value => value, StringComparer.Ordinal)
        .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;

    /// <summary>Class names in a numeric column's numeric order, or ordinal order for text.</summary>
    private static string[] Ordered(TableColumn column, IEnumerable<string> names) => column.IsNumeric
        ? names.OrderBy(name => double.Parse(name, CultureInfo.InvariantCulture)).ToArray()
        : names.Order(StringComparer.Ordinal).ToArray();

    private static double Number(Table table, TableColumn column, int row) => column.IsNumeric ? column.Numbers![row]
        : throw new InvalidFileException(table.Source, Cell(table, row, column.Name), $"expected a number for a regression target, found '{InvalidFileException.Echo(column.Text(row)!)}'");

    private static string Cell(Table table, int row, string column) => $"line {table.Lines[row]}, column '{InvalidFileException.Echo(column)}'";

    private static string Listed(IEnumerable<string> names) => InvalidFileException.Echo(string.Join(", ", names));
}
