using System.Globalization;
using System.Text;

namespace Hebb.Tests.Serialization.Onnx;

/// <summary>
/// A table the tests make, as CSV text and as the raw rows (cell text by column name) it holds: numbers <c>x</c> (around
/// 10) and <c>y</c> (0 to 100) on other scales, so that standardization matters; text <c>colour</c> and <c>size</c>; a
/// class <c>label</c> (low, mid, high) and a quantity <c>amount</c> (around 5) that all four decide.
/// </summary>
internal sealed record TableRows(string Csv, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    private static readonly string[] Columns = ["x", "colour", "y", "size", "label", "amount"];
    private static readonly string[] Colours = ["blue", "green", "red"];
    private static readonly string[] Sizes = ["L", "M", "S"];
    private static readonly string[] MissingNumbers = ["", "NA", "nan", "NaN"];
    private static readonly string[] MissingTexts = ["", "NA", "null", "Null", "nan"];

    /// <param name="count">Rows.</param>
    /// <param name="seed">Seeds the values.</param>
    /// <param name="missing">The share of x and colour cells left missing, in the spellings a CSV file has.</param>
    /// <param name="unseen">The share of colour cells that are a colour no training row has.</param>
    public static TableRows Make(int count, int seed, double missing = 0, double unseen = 0)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(string.Join(',', Columns)).Append('\n');
        var rows = new List<IReadOnlyDictionary<string, string>>();
        for (int i = 0; i < count; i++)
        {
            double x = 10 + 3 * (random.NextDouble() - 0.5), y = 100 * random.NextDouble();
            string colour = Colours[random.Next(Colours.Length)], size = Sizes[random.Next(Sizes.Length)];
            double score = (x - 10) + 0.02 * (y - 50) + (colour == "red" ? 0.8 : 0) - (size == "S" ? 0.5 : 0);
            double amount = 5 + 2 * (x - 10) - 0.03 * (y - 50) + (colour == "red" ? 1.5 : 0) + (size == "L" ? -1 : 0);
            var row = new Dictionary<string, string>
            {
                ["x"] = random.NextDouble() < missing ? MissingNumbers[random.Next(MissingNumbers.Length)] : Invariant($"{x:F4}"),
                ["colour"] = random.NextDouble() < missing ? MissingTexts[random.Next(MissingTexts.Length)]
                    : random.NextDouble() < unseen ? "purple" : colour,
                ["y"] = Invariant($"{y:F3}"),
                ["size"] = size,
                ["label"] = score < -0.4 ? "low" : score > 0.4 ? "high" : "mid",
                ["amount"] = Invariant($"{amount:F4}"),
            };
            rows.Add(row);
            csv.Append(string.Join(',', Columns.Select(column => row[column]))).Append('\n');
        }
        return new TableRows(csv.ToString(), rows);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
