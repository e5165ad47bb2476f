using System.Globalization;

namespace Hebb.Bench;

/// <summary>What <c>Hebb.Bench inference</c> measures: prediction with the note's network (Hebb and ONNX Runtime) over the first
/// <see cref="Batch"/> test images, <see cref="Warmup"/> untimed times then <see cref="Repetitions"/> timed ones.</summary>
internal sealed class InferenceOptions
{
    public const string Usage =
        "usage: Hebb.Bench inference --data DIR [--threads N] [--batch 10000] [--warmup 3] [--repetitions 20]";

    public required string DataFolder { get; init; }
    public required int Threads { get; init; }
    public required int Batch { get; init; }
    public required int Warmup { get; init; }
    public required int Repetitions { get; init; }

    public static InferenceOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != "inference")
            throw new ArgumentException(args.Count == 0 ? "expected the command 'inference'" : $"unknown command '{args[0]}'");

        var values = new Dictionary<string, string>();
        for (int i = 1; i < args.Count; i += 2)
        {
            if (args[i] is not ("--data" or "--threads" or "--batch" or "--warmup" or "--repetitions"))
                throw new ArgumentException($"unknown option '{args[i]}'");
            if (i + 1 == args.Count) throw new ArgumentException($"{args[i]}: expected a value");
            values[args[i]] = args[i + 1];
        }

        return new InferenceOptions
        {
            DataFolder = values.GetValueOrDefault("--data") ?? throw new ArgumentException("--data: expected a folder of MNIST-format IDX files"),
            Threads = PositiveInteger(values, "--threads", Environment.ProcessorCount),
            Batch = PositiveInteger(values, "--batch", 10_000),
            Warmup = PositiveInteger(values, "--warmup", 3),
            Repetitions = PositiveInteger(values, "--repetitions", 20),
        };
    }

    private static int PositiveInteger(Dictionary<string, string> values, string option, int fallback)
    {
        if (!values.TryGetValue(option, out var text)) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0) return value;
        throw new ArgumentException($"{option}: expected a positive integer, found '{text}'");
    }
}
