using System.CommandLine;
using System.Globalization;
using Hebb.Data;
using Hebb.Data.Tables;

namespace Hebb.Cli.Commands;

/// <summary>
/// <c>hebb train</c>'s options for a table (<c>--data FILE.csv</c>): the target, the test rows, the columns and the
/// policies. The preprocessing is fitted on the training rows only; the test rows are encoded with it.
/// </summary>
internal sealed class TableArguments
{
    /// <summary>The share of a table's rows held out for testing when no <c>--test</c> file is given.</summary>
    public const double DefaultTestSplit = 0.2;

    private readonly Option<string?> target = new("--target") { Description = "With a CSV file: the column to predict", HelpName = "COLUMN" };

    private readonly Option<string?> test = new("--test")
    {
        Description = "With a CSV file: the test rows, a CSV file with the same columns (default: --test-split of the rows)",
        HelpName = "FILE",
    };

    private readonly Option<double?> testSplit = new("--test-split")
    {
        Description = $"With a CSV file and no --test: hold out this share of the rows for testing, seeded by --seed and stratified by class (default {DefaultTestSplit})",
        HelpName = "FRACTION",
    };

    private readonly Option<string?> columns = new("--columns") { Description = "With a CSV file: the feature columns, comma-separated (default: all but the target)", HelpName = "NAMES" };

    private readonly Option<string?> ignore = new("--ignore") { Description = "With a CSV file: columns that are not features (ids, dates), comma-separated", HelpName = "NAMES" };

    private readonly Option<string?> task = new("--task")
    {
        Description = "With a CSV file: classification or regression (default: inferred from the target, and the reason printed)",
    };

    private readonly Option<string> missing = new("--missing")
    {
        Description = "With a CSV file: what a missing cell (empty, NA, NaN, null) does: error, drop (the row), mean (numbers; text: the most frequent), most-frequent",
        DefaultValueFactory = _ => "error",
    };

    private readonly Option<string> unknown = new("--unknown")
    {
        Description = "With a CSV file: what a category the training rows did not have does: error, or ignore (encoded as no category)",
        DefaultValueFactory = _ => "error",
    };

    /// <summary>The CSV files' field separator, an option of every command that reads a table.</summary>
    public static Option<string> Delimiter() => new("--delimiter")
    {
        Description = "With a CSV file: the field separator, one character (\\t for a tab)",
        DefaultValueFactory = _ => ",",
    };

    private readonly Option<string> delimiter = Delimiter();

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [target, test, testSplit, columns, ignore, task, missing, unknown, delimiter];

    /// <summary>Whether <paramref name="data"/> names a table rather than a folder of IDX files.</summary>
    public static bool IsTable(string? data) => data is not null && data.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>The delimiter option's character; a usage error unless it is one.</summary>
    public static char DelimiterOf(ParseResult parsed, Option<string> option) => DelimiterOf(parsed.GetValue(option)!);

    private static char DelimiterOf(string text)
    {
        if (text == "\\t") return '\t';
        return text.Length == 1 && text != "\"" && text != "\n" && text != "\r" ? text[0]
            : throw new UsageException($"--delimiter: expected one character other than a quote or a line end (\\t for a tab), found '{text}'");
    }

    /// <summary>Reads the table <paramref name="path"/>, a usage error when it does not exist.</summary>
    public static Table Read(string path, char delimiter, string option)
    {
        if (!File.Exists(path)) throw new UsageException($"{option}: {path} does not exist");
        return CsvTable.Read(path, delimiter);
    }

    /// <summary>The training and test rows of <paramref name="path"/> and the preprocessing fitted on the training ones.</summary>
    public (TableSchema Schema, TableDataset Train, TableDataset Test, string Source) Load(ParseResult parsed, string path, ulong seed)
    {
        char separator = DelimiterOf(parsed, delimiter);
        var table = Read(path, separator, "--data");
        var options = new TableOptions
        {
            Target = parsed.GetValue(target) ?? throw new UsageException($"--target: a CSV file needs the column to predict; {path}'s columns are {string.Join(", ", table.Names)}"),
            Columns = Names(parsed.GetValue(columns)),
            Ignore = Names(parsed.GetValue(ignore)) ?? [],
            Task = TaskOf(parsed.GetValue(task)),
            Missing = parsed.GetValue(missing) switch
            {
                "error" => MissingPolicy.Error,
                "drop" => MissingPolicy.Drop,
                "mean" => MissingPolicy.Mean,
                "most-frequent" => MissingPolicy.MostFrequent,
                var other => throw new UsageException($"--missing: expected error, drop, mean or most-frequent, found '{other}'"),
            },
            Unknown = parsed.GetValue(unknown) switch
            {
                "error" => UnknownPolicy.Error,
                "ignore" => UnknownPolicy.Ignore,
                var other => throw new UsageException($"--unknown: expected error or ignore, found '{other}'"),
            },
        };
        if (options.Columns is not null && options.Ignore.Count > 0) throw new UsageException("--ignore: not with --columns, which names the features already");
        Table train, testTable;
        if (parsed.GetValue(test) is string testPath)
        {
            if (parsed.GetValue(testSplit) is not null) throw new UsageException("--test-split: not with --test, which gives the test rows");
            (train, testTable) = (table, Read(testPath, separator, "--test"));
        }
        else (train, testTable) = Split(table, options.Target, options.Task, parsed.GetValue(testSplit) ?? DefaultTestSplit, seed);
        TableSchema schema;
        try { schema = TableSchema.Fit(train, options); }
        catch (ArgumentException error) { throw new UsageException($"--target/--columns/--ignore: {error.Message}"); }
        return (schema, schema.Dataset(train), schema.Dataset(testTable), Path.GetFullPath(path));
    }

    /// <summary>
    /// The training and test rows of a table run that is resumed, encoded with the schema it fitted (kept in its file, not
    /// fitted again): its --test file, or the rows its --test-split held out, drawn again with its seed, from the options
    /// <paramref name="arguments"/> it kept; <paramref name="path"/> is its --data file, or another one to check against it.
    /// </summary>
    public static TrainingData Reload(TableSchema schema, Dictionary<string, string?> arguments, string path, ulong seed)
    {
        string? Original(string name) => RunArguments.Original(arguments, name);
        char separator = DelimiterOf(Original("--delimiter") ?? ",");
        var table = Read(path, separator, "--data");
        var (train, test) = Original("--test") is string testPath ? (table, Read(testPath, separator, "--test"))
            : Split(table, schema.Target.Name, TaskOf(Original("--task")),
                Original("--test-split") is string fraction ? double.Parse(fraction, CultureInfo.InvariantCulture) : DefaultTestSplit, seed);
        return new TrainingData(schema.Dataset(train), schema.Dataset(test), Path.GetFullPath(path));
    }

    private static LearningTask? TaskOf(string? text) => text switch
    {
        null => null,
        "classification" => LearningTask.Classification,
        "regression" => LearningTask.Regression,
        var other => throw new UsageException($"--task: expected classification or regression, found '{other}'"),
    };

    /// <summary>The test rows held out of <paramref name="table"/>, stratified by the target's text when it holds classes
    /// (the task asked for, or inferred from every row).</summary>
    private static (Table Train, Table Test) Split(Table table, string target, LearningTask? asked, double fraction, ulong seed)
    {
        if (!(fraction > 0 && fraction < 1)) throw new UsageException($"--test-split: expected a fraction in (0, 1), found {fraction.ToString(CultureInfo.InvariantCulture)}");
        var column = table.Column(target)
            ?? throw new UsageException($"--target: no column '{target}' in {table.Source}; its columns are {string.Join(", ", table.Names)}");
        var task = asked ?? TaskInference.Infer(column, Enumerable.Range(0, table.RowCount)).Task;
        Func<int, int>? classOf = null;
        int classCount = 0;
        if (task == LearningTask.Classification)
        {
            var classes = new Dictionary<string, int>(StringComparer.Ordinal);
            var labels = new int[table.RowCount];
            for (int row = 0; row < labels.Length; row++)
            {
                // A row without a target is left to the missing-value policy; it goes with the first class's rows here.
                if (column.Text(row) is not string name) continue;
                classes.TryAdd(name, classes.Count);
                labels[row] = classes[name];
            }
            classOf = row => labels[row];
            classCount = Math.Max(classes.Count, 1);
        }
        int[] held;
        try { held = ValidationSplit.HeldOut(table.RowCount, classOf, classCount, fraction, seed); }
        catch (ArgumentOutOfRangeException error) { throw new UsageException($"--test-split: {error.Message.Split(" (Parameter")[0]}"); }
        var isHeld = new bool[table.RowCount];
        foreach (int row in held) isHeld[row] = true;
        var kept = Enumerable.Range(0, table.RowCount).Where(row => !isHeld[row]).ToArray();
        return (table.Subset(kept), table.Subset(held.Order().ToArray()));
    }

    private static IReadOnlyList<string>? Names(string? list) =>
        list?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
