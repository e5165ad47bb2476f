using Hebb;
using Hebb.Bench;

// Prints one JSON object; bench/run_benchmarks.py runs it next to PyTorch's bench/reference/infer_note_network.py.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(InferenceOptions.Usage);
    return 0;
}

InferenceOptions options;
try
{
    options = InferenceOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine($"Hebb.Bench: {error.Message}\n{InferenceOptions.Usage}");
    return 2;
}

try
{
    Console.WriteLine(InferenceBenchmark.Run(options));
    return 0;
}
catch (InvalidFileException error)
{
    Console.Error.WriteLine($"Hebb.Bench: {error.Message}");
    return 1;
}
