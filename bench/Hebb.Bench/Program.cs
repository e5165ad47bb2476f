using Hebb;
using Hebb.Bench;

// `inference` prints one JSON object (bench/run_benchmarks.py runs it next to PyTorch's bench/reference/infer_note_network.py);
// `csv` prints a Markdown table of Hebb's CSV loading beside pandas and writes it to bench/results.
const string Usage = InferenceOptions.Usage + "\n" + CsvOptions.Usage;
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage);
    return 0;
}

Func<string> benchmark;
try
{
    if (args.FirstOrDefault() == "csv")
    {
        var csv = CsvOptions.Parse(args);
        benchmark = () => CsvBenchmark.Run(csv);
    }
    else
    {
        var inference = InferenceOptions.Parse(args);
        benchmark = () => InferenceBenchmark.Run(inference);
    }
}
catch (ArgumentException error)
{
    Console.Error.WriteLine($"Hebb.Bench: {error.Message}\n{Usage}");
    return 2;
}

try
{
    Console.WriteLine(benchmark());
    return 0;
}
catch (InvalidFileException error)
{
    Console.Error.WriteLine($"Hebb.Bench: {error.Message}");
    return 1;
}
