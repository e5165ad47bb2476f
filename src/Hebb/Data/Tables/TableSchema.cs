using System.Globalization;

namespace Hebb.Data.Tables;

/// <summary>
/// How the rows of a table become a network's inputs and targets, fitted on the training rows only and saved in the model
/// file (<c>hebb.table</c>) so that predictions on raw rows just work: the feature columns in order (numbers standardized,
/// text one-hot encoded), the target (class names, or a regression target's mean and scale) and the policies for missing
/// values and unseen categories. <see cref="Encode(IReadOnlyDictionary{string, string}, Span{float})"/> turns one raw row
/// into the feature row a model takes; <see cref="Dataset"/> a whole table.
/// </summary>
/// <param name="Target">The target column.</param>
/// <param name="Features">The feature columns, in the order of the network's inputs.</param>
/// <param name="Missing">What a missing cell does.</param>
/// <param name="Unknown">What an unseen category does.</param>
public sealed partial record TableSchema(TargetColumn Target, FeatureColumn[] Features, MissingPolicy Missing, UnknownPolicy Unknown)
{
    /// <summary>The network's inputs: the sum of the features' widths.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int FeatureWidth => Features.Sum(feature => feature.Width);

    /// <summary>Fits the preprocessing on <paramref name="train"/> as <paramref name="options"/> say.</summary>
    /// <exception cref="ArgumentException">The target, a column of <see cref="TableOptions.Columns"/> or of
    /// <see cref="TableOptions.Ignore"/> is not in the table (the message lists its columns), or the features are none.</exception>
    /// <exception cref="InvalidFileException">A missing value under <see cref="MissingPolicy.Error"/>, a target with one class,
    /// or a text target asked to be a regression one: naming the file, the line and the column.</exception>
    public static TableSchema Fit(Table train, TableOptions options)
    {
        var target = Find(train, options.Target, "target");
        var featureNames = options.Columns?.ToList()
            ?? train.Names.Where(name => name != options.Target && !options.Ignore.Contains(name)).ToList();
        foreach (var name in options.Columns ?? []) Find(train, name, "feature");
        foreach (var name in options.Ignore) Find(train, name, "ignored");
        if (featureNames.Contains(options.Target)) throw new ArgumentException($"the target '{options.Target}' cannot also be a feature");
        if (featureNames.Count == 0) throw new ArgumentException("no feature columns are left: the table has only the target and ignored columns");
        var features = featureNames.Select(name => train.Column(name)!).ToArray();
        var rows = KeptRows(train, features, target, options.Missing).ToArray();
        var fitted = new TableSchema(FitTarget(train, target, rows, options.Task), [], options.Missing, options.Unknown);
        return fitted with { Features = features.Select(column => FitFeature(column, rows, options.Missing)).ToArray() };
    }

    /// <summary>The rows of <paramref name="table"/> that have every feature and a target (see <see cref="KeptRows"/>) as a
    /// data set: features encoded, labels as class indices, regression targets standardized.</summary>
    /// <exception cref="InvalidFileException">A feature or the target column is not in the file, a cell cannot be encoded,
    /// or a class was not seen in training.</exception>
    public TableDataset Dataset(Table table)
    {
        var target = table.Column(Target.Name)
            ?? throw new InvalidFileException(table.Source, $"line 1, column '{InvalidFileException.Echo(Target.Name)}'",
                $"expected the target column of the model, found only {Listed(table.Names)}");
        var rows = Rows(table);
        var features = Encode(table, rows);
        if (Target.Task == LearningTask.Regression)
        {
            var targets = new float[rows.Length];
            for (int i = 0; i < rows.Length; i++)
                targets[i] = (float)((Number(table, target, rows[i]) - Target.Mean) / Target.Scale);
            return new TableDataset(features, FeatureWidth, targets);
        }
        var classIndex = Target.Classes.Select((name, index) => (name, index)).ToDictionary(pair => pair.name, pair => pair.index, StringComparer.Ordinal);
        var labels = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            string value = target.Text(rows[i])!;
            labels[i] = classIndex.TryGetValue(value, out int label) ? label
                : throw new InvalidFileException(table.Source, Cell(table, rows[i], target.Name),
                    $"expected one of the classes the model knows ({Listed(Target.Classes)}), found '{InvalidFileException.Echo(value)}'");
        }
        return new TableDataset(features, FeatureWidth, labels, Target.Classes.Length);
    }

    /// <summary>The rows of <paramref name="table"/> a model sees: all, less those with a missing feature under
    /// <see cref="MissingPolicy.Drop"/> and, when the table has the target column, those without a target (unless the
    /// policy is <see cref="MissingPolicy.Error"/>, which stops at the first missing cell instead).</summary>
    public int[] Rows(Table table)
    {
        var features = Features.Select(feature => table.Column(feature.Name)
            ?? throw new InvalidFileException(table.Source, $"line 1, column '{InvalidFileException.Echo(feature.Name)}'",
                $"expected the model's feature column, found only {Listed(table.Names)}")).ToArray();
        return KeptRows(table, features, table.Column(Target.Name), Missing).ToArray();
    }

    /// <summary>The feature rows of <paramref name="rows"/> of <paramref name="table"/>, row-major [rows, FeatureWidth].</summary>
    public float[] Encode(Table table, int[] rows)
    {
        int width = FeatureWidth;
        var values = new float[(long)rows.Length * width];
        int offset = 0;
        foreach (var feature in Features)
        {
            var column = table.Column(feature.Name)!;
            if (feature.Numeric && column.IsNumeric) EncodeNumbers(table, feature, column, rows, values, offset, width);
            else
                for (int i = 0; i < rows.Length; i++)
                {
                    int row = rows[i];
                    EncodeCell(feature, column.Text(row), column.IsNumeric ? column.Numbers![row] : float.NaN,
                        values.AsSpan(i * width + offset, feature.Width), () => (table.Source, Cell(table, row, column.Name)));
                }
            offset += feature.Width;
        }
        return values;
    }

    /// <summary>A numeric feature read as numbers into its input of every row: the common case, a column at a time without a
    /// string per cell.</summary>
    private static void EncodeNumbers(Table table, FeatureColumn feature, TableColumn column, int[] rows, float[] values, int offset, int width)
    {
        var numbers = column.Numbers!;
        float fill = feature.Fill is null ? float.NaN : float.Parse(feature.Fill, NumberStyles.Float, CultureInfo.InvariantCulture);
        for (int i = 0; i < rows.Length; i++)
        {
            float number = numbers[rows[i]];
            if (float.IsNaN(number))
                number = float.IsNaN(fill) ? throw new InvalidFileException(table.Source, Cell(table, rows[i], column.Name), MissingMessage) : fill;
            values[(long)i * width + offset] = (float)((number - feature.Mean) / feature.Scale);
        }
    }

    /// <summary>
    /// One raw row, its cells by column name as a CSV file or a JSON object gives them (extra names ignored), as the
    /// feature row a model of this schema takes: what a service calls for every request.
    /// </summary>
    /// <exception cref="ArgumentException">A feature is absent or missing (with no fill), not a number, or an unseen category
    /// under <see cref="UnknownPolicy.Error"/>: the message names the column and the value.</exception>
    public void Encode(IReadOnlyDictionary<string, string> row, Span<float> destination)
    {
        if (destination.Length < FeatureWidth) throw new ArgumentException($"destination holds {destination.Length} values, {FeatureWidth} are needed", nameof(destination));
        int offset = 0;
        foreach (var feature in Features)
        {
            string? text = row.TryGetValue(feature.Name, out var given) && !MissingValues.IsMissing(given) ? given : null;
            float number = float.NaN;
            if (feature.Numeric && text is not null && !float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
                throw new ArgumentException($"column '{InvalidFileException.Echo(feature.Name)}': expected a number, found '{InvalidFileException.Echo(text)}'");
            const string source = "input";
            try { EncodeCell(feature, text, number, destination.Slice(offset, feature.Width), () => (source, $"column '{InvalidFileException.Echo(feature.Name)}'")); }
            // The message without the file's name: a row has none ("column 'x': expected ...", as the number's error above).
            catch (InvalidFileException error) { throw new ArgumentException(error.Message[(source.Length + 2)..], error); }
            offset += feature.Width;
        }
    }

    /// <summary>A model output row as the target's value: the class name of the largest logit, or the regression value in the
    /// target's units.</summary>
    public string Decode(ReadOnlySpan<float> outputs) => Target.Task == LearningTask.Regression
        ? (Target.Mean + Target.Scale * outputs[0]).ToString("R", CultureInfo.InvariantCulture)
        : Target.Classes[Inference.Predictor.ClassOf(outputs)];

    private void EncodeCell(FeatureColumn feature, string? text, float number, Span<float> destination, Func<(string File, string Field)> where)
    {
        text ??= feature.Fill;
        if (text is null)
        {
            var (file, field) = where();
            throw new InvalidFileException(file, field, MissingMessage);
        }
        if (feature.Numeric)
        {
            if (float.IsNaN(number) && !float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            {
                var (file, field) = where();
                throw new InvalidFileException(file, field, $"expected a number, found '{InvalidFileException.Echo(text)}'");
            }
            destination[0] = (float)((number - feature.Mean) / feature.Scale);
            return;
        }
        destination.Clear();
        int category = Array.BinarySearch(feature.Categories, text, StringComparer.Ordinal);
        if (category >= 0) destination[category] = 1;
        else if (Unknown == UnknownPolicy.Error)
        {
            var (file, field) = where();
            throw new InvalidFileException(file, field,
                $"expected one of the categories seen in training ({Listed(feature.Categories)}), found '{InvalidFileException.Echo(text)}'; the unknown-category policy ignore would encode it as none");
        }
    }
}
