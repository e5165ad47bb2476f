using System.Globalization;
using Hebb.Tensors;

namespace Hebb.Data;

/// <summary>
/// Fisher's iris flowers (1936), built into Hebb as scikit-learn ships them: 150 samples of sepal length, sepal
/// width, petal length and petal width in cm, 50 of each of three species. The note's perceptron learns
/// "is it setosa?" from the petal columns.
/// </summary>
public sealed class IrisData
{
    internal const string CsvResource = "Hebb.Data.Iris.iris.csv";
    internal const string ReadmeResource = "Hebb.Data.Iris.README.md";

    /// <summary>The names of the four columns of <see cref="Features"/>, as scikit-learn gives them.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"];

    private static readonly Lazy<string> attribution = new(() => EmbeddedResource.ReadText(ReadmeResource));

    /// <summary>The data set's README: its source (Fisher 1936, UCI, CC BY 4.0, via scikit-learn), format and checksum.</summary>
    public static string Attribution => attribution.Value;

    private IrisData(Tensor features, int[] labels, IReadOnlyList<string> classNames)
    {
        Features = features;
        Labels = labels;
        ClassNames = classNames;
    }

    /// <summary>[samples, 4]: the measurements named by <see cref="FeatureNames"/>, in cm.</summary>
    public Tensor Features { get; }

    /// <summary>The species of each sample, an index into <see cref="ClassNames"/>.</summary>
    public int[] Labels { get; }

    /// <summary>setosa, versicolor, virginica.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Flowers in the set (150).</summary>
    public int Count => Labels.Length;

    /// <summary>The built-in data set.</summary>
    public static IrisData Load()
    {
        using var reader = new StreamReader(EmbeddedResource.Open(CsvResource));
        return Parse(reader, CsvResource);
    }

    /// <summary>Some columns of <see cref="Features"/>, e.g. <c>Columns(2, 3)</c> for the petals as in the note.</summary>
    public Tensor Columns(params int[] columns)
    {
        foreach (int column in columns)
            if ((uint)column >= (uint)FeatureNames.Count)
                throw new ArgumentOutOfRangeException(nameof(columns), $"column {column} is outside 0..{FeatureNames.Count - 1}");
        var selected = new float[Count * columns.Length];
        for (int sample = 0; sample < Count; sample++)
            for (int i = 0; i < columns.Length; i++)
                selected[sample * columns.Length + i] = Features[sample, columns[i]];
        return new Tensor(selected, Count, columns.Length);
    }

    /// <summary>
    /// Reads scikit-learn's iris.csv: a header <c>samples,4,class names…</c>, then one line per sample of four
    /// measurements and a class index. Anything else fails naming the line and field.
    /// </summary>
    internal static IrisData Parse(TextReader reader, string source)
    {
        var header = (reader.ReadLine() ?? "").Split(',');
        if (header.Length < 4 || !int.TryParse(header[0], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
            throw new InvalidFileException(source, "line 1 (header)",
                $"expected 'samples,features,class names...' such as '150,4,setosa,versicolor,virginica', found '{string.Join(',', header)}'");
        if (header[1] != FeatureNames.Count.ToString(CultureInfo.InvariantCulture))
            throw new InvalidFileException(source, "line 1 (header), field 2 (features)", $"expected {FeatureNames.Count}, found '{header[1]}'");
        var classNames = header[2..];

        var features = new float[count * FeatureNames.Count];
        var labels = new int[count];
        int sample = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine(), sample++)
        {
            int lineNumber = sample + 2;
            if (sample == count)
                throw new InvalidFileException(source, $"line {lineNumber}", $"expected {count} samples as the header says, found more");
            var fields = line.Split(',');
            if (fields.Length != FeatureNames.Count + 1)
                throw new InvalidFileException(source, $"line {lineNumber}",
                    $"expected {FeatureNames.Count + 1} comma-separated fields (4 measurements and a class), found {fields.Length}: '{line}'");
            for (int feature = 0; feature < FeatureNames.Count; feature++)
            {
                if (!float.TryParse(fields[feature], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                    throw new InvalidFileException(source, $"line {lineNumber}, field {feature + 1} ({FeatureNames[feature]})",
                        $"expected a number, found '{fields[feature]}'");
                features[sample * FeatureNames.Count + feature] = value;
            }
            string classField = fields[^1];
            if (!int.TryParse(classField, NumberStyles.None, CultureInfo.InvariantCulture, out labels[sample]) || labels[sample] >= classNames.Length)
                throw new InvalidFileException(source, $"line {lineNumber}, field {fields.Length} (class)",
                    $"expected a class index from 0 to {classNames.Length - 1}, found '{classField}'");
        }
        if (sample < count)
            throw new InvalidFileException(source, $"end of file (after line {sample + 1})", $"expected {count} samples as the header says, found {sample}");
        return new IrisData(new Tensor(features, count, FeatureNames.Count), labels, classNames);
    }
}
