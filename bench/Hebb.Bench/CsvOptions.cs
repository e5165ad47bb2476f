using System.Globalization;

namespace Hebb.Bench;

/// <summary>What <c>Hebb.Bench csv</c> measures: reading a generated numeric CSV file of <see cref="Rows"/> rows and
/// <see cref="Columns"/> columns (the last is the target) <see cref="Rounds"/> times with Hebb and with pandas.</summary>
internal sealed class CsvOptions
{
    public const string Usage = "usage: Hebb.Bench csv [--rows 1000000] [--columns 20] [--rounds 3] [--results DIR]";

    public required int Rows { get; init; }
    public required int Columns { get; init; }
    public required int Rounds { get; init; }

    /// <summary>Where the JSON and Markdown reports go; null: the repository's bench/results.</summary>
    public string? ResultsFolder { get; init; }

    public static CsvOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>();
        for (int i = 1; i < args.Count; i += 2)
        {
            if (args[i] is not ("--rows" or "--columns" or "--rounds" or "--results"))
                throw new ArgumentException($"unknown option '{args[i]}'");
            if (i + 1 == args.Count) throw new ArgumentException($"{args[i]}: expected a value");
            values[args[i]] = args[i + 1];
        }
        var options = new CsvOptions
        {
            Rows = PositiveInteger(values, "--rows", 1_000_000),
            Columns = PositiveInteger(values, "--columns", 20),
            Rounds = PositiveInteger(values, "--rounds", 3),
            ResultsFolder = values.GetValueOrDefault("--results"),
        };
        if (options.Columns < 2) throw new ArgumentException("--columns: expected at least 2 (features and a target)");
        return options;
    }

    private static int PositiveInteger(Dictionary<string, string> values, string option, int fallback)
    {
        if (!values.TryGetValue(option, out var text)) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0) return value;
        throw new ArgumentException($"{option}: expected a positive integer, found '{text}'");
    }
}
