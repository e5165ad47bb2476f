using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hebb.Data;
using Hebb.Data.Tables;

namespace Hebb.Bench;

/// <summary>
/// Loading a numeric CSV file, Hebb beside pandas in one run. The file is generated here, in a temporary folder, and
/// deleted after: normally distributed values with six decimals (as a database export or <c>DataFrame.round(6)</c>
/// writes them), the last column the target. Hebb reads it with <see cref="CsvTable.Read(string, char)"/> into a <see cref="Table"/>
/// and makes the training set with <see cref="TableSchema.Fit"/> and <see cref="TableSchema.Dataset"/>, in this process;
/// pandas reads it with <c>read_csv</c> and standardizes it into a float32 array in <c>bench/reference/read_csv_pandas.py</c>,
/// a process per round whose import of pandas is not timed. The rounds alternate which goes first; the file is read once
/// before them, so both read it from the page cache. The figures are the best round's.
/// </summary>
internal static class CsvBenchmark
{
    private const string Target = "target";

    public static string Run(CsvOptions options)
    {
        string root = RepositoryRoot();
        string script = Path.Combine(root, "bench", "reference", "read_csv_pandas.py");
        string folder = Directory.CreateTempSubdirectory("hebb-csv-bench-").FullName;
        try
        {
            string path = Path.Combine(folder, "numbers.csv");
            var generation = Stopwatch.StartNew();
            Generate(path, options.Rows, options.Columns);
            Console.Error.WriteLine($"csv: wrote {options.Rows:N0} rows x {options.Columns} columns, {new FileInfo(path).Length / 1e6:F0} MB, in {generation.Elapsed.TotalSeconds:F1} s");
            File.ReadAllBytes(path);

            var hebbRead = new List<double>();
            var hebbDataset = new List<double>();
            var pandasRead = new List<double>();
            var pandasDataset = new List<double>();
            JsonObject? pandas = null;
            TableDataset? dataset = null;
            string loadBefore = File.ReadAllText("/proc/loadavg").Trim();
            for (int round = 0; round < options.Rounds; round++)
            {
                void Hebb()
                {
                    dataset = null;
                    GC.Collect();
                    var clock = Stopwatch.StartNew();
                    var table = CsvTable.Read(path);
                    double read = clock.Elapsed.TotalSeconds;
                    var schema = TableSchema.Fit(table, new TableOptions { Target = Target });
                    dataset = schema.Dataset(table);
                    hebbRead.Add(read);
                    hebbDataset.Add(clock.Elapsed.TotalSeconds - read);
                    Console.Error.WriteLine($"csv: round {round + 1} Hebb read {read:F3} s, data set {hebbDataset[^1]:F3} s");
                }
                void Pandas()
                {
                    pandas = RunPandas(script, path);
                    pandasRead.Add((double)pandas["read_seconds"]!);
                    pandasDataset.Add((double)pandas["dataset_seconds"]!);
                    Console.Error.WriteLine($"csv: round {round + 1} pandas read {pandasRead[^1]:F3} s, data set {pandasDataset[^1]:F3} s");
                }
                if (round % 2 == 0) { Hebb(); Pandas(); }
                else { Pandas(); Hebb(); }
            }
            string loadAfter = File.ReadAllText("/proc/loadavg").Trim();

            // The two must have read the same numbers: the first row's standardized features agree to float32 rounding.
            var pandasRow = pandas!["first_row"]!.AsArray().Select(value => (double)value!).ToArray();
            double difference = pandasRow.Select((value, i) => Math.Abs(value - dataset!.Values[i])).Max();

            var report = new JsonObject
            {
                ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
                ["rows"] = options.Rows,
                ["columns"] = options.Columns,
                ["file_bytes"] = new FileInfo(path).Length,
                ["rounds"] = options.Rounds,
                ["hebb_read_seconds"] = Json(hebbRead),
                ["hebb_dataset_seconds"] = Json(hebbDataset),
                ["pandas_read_seconds"] = Json(pandasRead),
                ["pandas_dataset_seconds"] = Json(pandasDataset),
                ["best_hebb_read_seconds"] = hebbRead.Min(),
                ["best_pandas_read_seconds"] = pandasRead.Min(),
                ["pandas_read_over_hebb_read"] = pandasRead.Min() / hebbRead.Min(),
                ["best_hebb_total_seconds"] = hebbRead.Zip(hebbDataset, (a, b) => a + b).Min(),
                ["best_pandas_total_seconds"] = pandasRead.Zip(pandasDataset, (a, b) => a + b).Min(),
                ["first_row_difference"] = difference,
                ["pandas"] = (string?)pandas["pandas"],
                ["numpy"] = (string?)pandas["numpy"],
                ["commit"] = Commit(root),
                ["dotnet"] = Environment.Version.ToString(),
                ["processors"] = Environment.ProcessorCount,
                ["loadavg_before"] = loadBefore,
                ["loadavg_after"] = loadAfter,
            };
            report["pandas_total_over_hebb_total"] = (double)report["best_pandas_total_seconds"]! / (double)report["best_hebb_total_seconds"]!;
            string json = report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            string markdown = Markdown(report);
            string results = options.ResultsFolder ?? Path.Combine(root, "bench", "results");
            string stem = Path.Combine(results, DateTime.UtcNow.ToString("yyyy-MM-dd_HHmm", CultureInfo.InvariantCulture) + "_csv");
            File.WriteAllText(stem + ".json", json + "\n");
            File.WriteAllText(stem + ".md", markdown);
            Console.Error.WriteLine($"csv: wrote {stem}.json and .md");
            return markdown;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Markdown(JsonObject report)
    {
        double Best(string key) => report[key]!.AsArray().Select(value => (double)value!).Min();
        double Median(string key)
        {
            var values = report[key]!.AsArray().Select(value => (double)value!).Order().ToArray();
            return values[values.Length / 2];
        }
        var text = new StringBuilder();
        text.AppendLine("# Reading a numeric CSV file: Hebb against pandas");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- date: {report["date"]}; {report["processors"]} cores; load average before {report["loadavg_before"]}, after {report["loadavg_after"]}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- file: {(int)report["rows"]!:N0} rows x {report["columns"]} columns of numbers (the last the target), {(long)report["file_bytes"]! / 1e6:F0} MB, generated by `Hebb.Bench csv`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Hebb: CsvTable.Read, then TableSchema.Fit + Dataset at commit {report["commit"]} (.NET {report["dotnet"]}); pandas {report["pandas"]} (numpy {report["numpy"]}): read_csv, then standardized into a float32 array");
        text.AppendLine(CultureInfo.InvariantCulture, $"- {report["rounds"]} alternating rounds; best (median) seconds; the first row's features agree to {(double)report["first_row_difference"]!:G2}");
        text.AppendLine();
        text.AppendLine("| step | Hebb s | pandas s | pandas / Hebb |");
        text.AppendLine("|---|---:|---:|---:|");
        void Row(string step, string hebb, string pandas) => text.AppendLine(CultureInfo.InvariantCulture,
            $"| {step} | {Best(hebb):F3} ({Median(hebb):F3}) | {Best(pandas):F3} ({Median(pandas):F3}) | {Best(pandas) / Best(hebb):F2} |");
        Row("read the file", "hebb_read_seconds", "pandas_read_seconds");
        Row("make the data set", "hebb_dataset_seconds", "pandas_dataset_seconds");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| total | {(double)report["best_hebb_total_seconds"]!:F3} | {(double)report["best_pandas_total_seconds"]!:F3} | {(double)report["pandas_total_over_hebb_total"]!:F2} |");
        return text.ToString();
    }

    private static JsonArray Json(List<double> values) => new(values.Select(value => (JsonNode)value).ToArray());

    /// <summary>Writes <paramref name="rows"/> rows of normally distributed numbers with six decimals, seeded.</summary>
    private static void Generate(string path, int rows, int columns)
    {
        var random = new Random(42);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        writer.Write(string.Join(',', Enumerable.Range(1, columns - 1).Select(column => $"x{column}")));
        writer.Write(',');
        writer.Write(Target);
        writer.Write('\n');
        Span<char> number = stackalloc char[32];
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                // Box-Muller: a standard normal value, scaled and shifted per column so the columns differ.
                double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                double value = column * 10 + (column + 1) * normal;
                value.TryFormat(number, out int written, "F6", CultureInfo.InvariantCulture);
                writer.Write(number[..written]);
                writer.Write(column == columns - 1 ? '\n' : ',');
            }
        }
    }

    private static JsonObject RunPandas(string script, string path)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, path, "--target", Target }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}: {error.Result.Trim()} (Debian's python3-pandas: apt-get install -y python3-pandas)");
        return JsonNode.Parse(output)!.AsObject();
    }

    /// <summary>The repository's commit, with "+changes" when its work tree differs from it.</summary>
    private static string Commit(string root)
    {
        string Git(string arguments)
        {
            var start = new ProcessStartInfo("git", $"-C \"{root}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : "unknown";
        }
        string commit = Git("rev-parse --short HEAD");
        return Git("status --porcelain --untracked-files=no").Length > 0 ? commit + "+changes" : commit;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Hebb.slnx"))) return folder.FullName;
        throw new InvalidOperationException($"no Hebb.slnx above {AppContext.BaseDirectory}: run Hebb.Bench from the repository's build");
    }
}
