using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Hebb.Activations;
using Hebb.Cli.Distributed;
using Hebb.Cli.Output;
using Hebb.Distributed;
using Hebb.Serialization;
using Hebb.Tensors.Kernels;
using Hebb.Training;
using Hebb.Tuning;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb tune</c>: the note's closing advice as a random search — rank networks on a validation set held out
/// from the training set, then retrain the best on the whole training set, test it once and save it.</summary>
internal static class TuneCommand
{
    private static readonly SearchSpace DefaultSpace = new();
    private static readonly RandomSearchOptions DefaultOptions = new();

    private static readonly string Description =
        "Search for a good network by random search, then train the best one and save it.\n\n" +
        "Each trial draws a network, trains it for --epochs on the training set less a validation set held out from it " +
        "(--validation, the same samples for every trial) and is scored on that validation set, never on the test " +
        "set: the test set is used once, on the final model. Trials are ranked by validation accuracy, ties by lower validation loss. The best " +
        "is retrained on the whole training set for --final-epochs and saved; the command that trains the same " +
        "network with 'hebb train' is printed.\n\n" +
        "The search space follows the course note's advice on hyperparameters. Hidden layers: " +
        $"{DefaultSpace.MinHiddenLayers} to {DefaultSpace.MaxHiddenLayers} (--layers) — one hidden layer is often enough, " +
        "and deeper networks reach more with fewer units per layer. Widths: drawn log-uniformly from " +
        $"{DefaultSpace.MinWidth} to {DefaultSpace.MaxWidth} (--widths) and sorted so they shrink like a funnel, each " +
        "layer no wider than the one before. Hidden activation: one of " +
        $"{string.Join(", ", DefaultSpace.Activations)} (--activations); the note uses ReLU in hidden layers and " +
        "softmax at the output (every network here ends in softmax cross-entropy on its logits). Learning rate: " +
        $"log-uniform from {DefaultSpace.MinLearningRate.ToString(CultureInfo.InvariantCulture)} to " +
        $"{DefaultSpace.MaxLearningRate.ToString(CultureInfo.InvariantCulture)} (--learning-rates), plain SGD. " +
        "Add layers until the network overfits, then stop: the ranking shows training loss beside validation loss, " +
        "and a network whose training loss is far below its validation loss overfits.";

    public static Command Create(CommandContext context)
    {
        var data = SharedOptions.Data();
        var trials = new Option<int>("--trials") { Description = "Networks to try", DefaultValueFactory = _ => DefaultOptions.Trials };
        var epochs = new Option<int>("--epochs") { Description = "Epochs each trial trains for", DefaultValueFactory = _ => DefaultOptions.EpochsPerTrial };
        var finalEpochs = new Option<int?>("--final-epochs")
        {
            Description = "Epochs the best network trains for on the whole training set (default: --epochs, the budget it was ranked with)",
            HelpName = "N",
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the networks drawn, the validation set, and every network's initial weights and batch order",
            DefaultValueFactory = _ => DefaultOptions.Seed,
        };
        var validation = new Option<double>("--validation")
        {
            Description = "Share of the training set held out to score the trials",
            DefaultValueFactory = _ => DefaultOptions.ValidationFraction,
        };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per mini-batch", DefaultValueFactory = _ => DefaultOptions.BatchSize };
        var layers = new Option<string>("--layers")
        {
            Description = "Number of hidden layers, MIN..MAX or one number",
            DefaultValueFactory = _ => $"{DefaultSpace.MinHiddenLayers}..{DefaultSpace.MaxHiddenLayers}",
        };
        var widths = new Option<string>("--widths")
        {
            Description = "Hidden layer widths, MIN..MAX (drawn log-uniformly) or one number",
            DefaultValueFactory = _ => $"{DefaultSpace.MinWidth}..{DefaultSpace.MaxWidth}",
        };
        var activations = new Option<string>("--activations")
        {
            Description = "Hidden activations to choose from, comma-separated",
            DefaultValueFactory = _ => string.Join(',', DefaultSpace.Activations),
        };
        var learningRates = new Option<string>("--learning-rates")
        {
            Description = "SGD learning rates, MIN..MAX (drawn log-uniformly) or one number",
            DefaultValueFactory = _ => string.Create(CultureInfo.InvariantCulture, $"{DefaultSpace.MinLearningRate}..{DefaultSpace.MaxLearningRate}"),
        };
        var threads = new Option<int>("--threads") { Description = "Threads for the matrix products (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string>("--output") { Description = "Where to save the best network", HelpName = "FILE", DefaultValueFactory = _ => "tuned.safetensors" };
        var json = SharedOptions.Json();
        var distributed = new Option<bool>("--distributed")
        {
            Description = "Spread the trials over every rank of an Open MPI job (mpirun -np N hebb tune ...; implied under mpirun): " +
                          "trial i trains on rank i mod N; rank 0 gathers the results, prints the ranking one process would, and retrains and saves the best",
        };

        var command = new Command("tune", Description)
        {
            data, trials, epochs, finalEpochs, seed, validation, batchSize, layers, widths, activations, learningRates, threads, output, json, distributed,
        };
        command.SetAction(parsed => parsed.GetValue(distributed) || MpiWorld.LaunchedSize is not null
            ? DistributedRun.Run(context, (world, rankContext) => Tune(rankContext, parsed, world))
            : Tune(context, parsed, null));
        return command;

        int Tune(CommandContext context, ParseResult parsed, IProcessGroup? group)
        {
            var clock = Stopwatch.StartNew();
            var (minLayers, maxLayers) = ParseRange<int>(parsed.GetValue(layers)!, "--layers");
            var (minWidth, maxWidth) = ParseRange<int>(parsed.GetValue(widths)!, "--widths");
            var (minRate, maxRate) = ParseRange<double>(parsed.GetValue(learningRates)!, "--learning-rates");
            var space = new SearchSpace
            {
                MinHiddenLayers = minLayers, MaxHiddenLayers = maxLayers, MinWidth = minWidth, MaxWidth = maxWidth,
                Activations = ParseActivations(parsed.GetValue(activations)!), MinLearningRate = minRate, MaxLearningRate = maxRate,
            };
            int trialEpochs = SharedOptions.Positive(parsed.GetValue(epochs), "--epochs");
            var options = new RandomSearchOptions
            {
                Trials = SharedOptions.Positive(parsed.GetValue(trials), "--trials"),
                EpochsPerTrial = trialEpochs,
                BatchSize = SharedOptions.Positive(parsed.GetValue(batchSize), "--batch-size"),
                Seed = parsed.GetValue(seed),
                ValidationFraction = Fraction(parsed.GetValue(validation), "--validation"),
            };
            int finalEpochCount = SharedOptions.Positive(parsed.GetValue(finalEpochs) ?? trialEpochs, "--final-epochs");
            Parallelism.ThreadCount = SharedOptions.Positive(parsed.GetValue(threads), "--threads");
            // Only rank 0 writes: the other ranks' hosts need not have its folder.
            bool writes = group is null || group.Rank == 0;
            string outputPath = parsed.GetValue(output)!;
            if (writes) SharedOptions.CheckOutputPath(outputPath);

            var search = new RandomSearch(space, options);
            var dataSplit = SharedOptions.LoadData(parsed.GetValue(data));
            var validationSplit = search.Split(dataSplit.Train);
            var printer = new TrialPrinter(context, parsed.GetValue(json));
            printer.Start(search, validationSplit, dataSplit.Source, group?.Size ?? 1);
            var ranking = group is null ? search.Run(validationSplit, printer.Trial) : search.Run(validationSplit, group, printer.Trial);
            // The best is retrained by rank 0 alone, as one process retrains it, to the same bits.
            if (!writes) return ExitCode.Success;
            printer.Ranking(ranking);
            var best = ranking[0];
            printer.Retraining(best, dataSplit.Train.Count, finalEpochCount, search.Options, parsed.GetValue(data));

            var final = search.Train(best.Configuration, dataSplit.Train, finalEpochCount, printer.FinalEpoch);
            var test = Evaluation.Run(final.Model, dataSplit.Test);
            // The one look at the test set, recorded with the last epoch as 'hebb train' records it.
            var history = final.History.ToList();
            history[^1] = history[^1] with { TestAccuracy = test.Accuracy };
            ModelFile.Save(outputPath, final.Model, new ModelInfo(final.Options, history, dataSplit.Source, Parallelism.ThreadCount));
            printer.Done(ranking, test, dataSplit.Test.Count, outputPath, clock.Elapsed.TotalSeconds);
            return ExitCode.Success;
        }
    }

    /// <summary>Reads <c>MIN..MAX</c>, or one number for both, of positive finite numbers.</summary>
    private static (T Min, T Max) ParseRange<T>(string text, string option) where T : INumber<T>
    {
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length is 1 or 2
            && T.TryParse(parts[0], CultureInfo.InvariantCulture, out var min)
            && T.TryParse(parts[^1], CultureInfo.InvariantCulture, out var max)
            && min > T.Zero && max >= min && T.IsFinite(max))
            return (min, max);
        throw new UsageException($"{option}: expected MIN..MAX of positive numbers, MIN no greater than MAX, or one number; found '{text}'");
    }

    private static IReadOnlyList<Activation> ParseActivations(string text)
    {
        var chosen = new List<Activation>();
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var activation = SharedOptions.HiddenActivation(name, "--activations");
            if (!chosen.Contains(activation)) chosen.Add(activation);
        }
        return chosen;
    }

    private static double Fraction(double value, string option) =>
        value > 0 && value < 1 ? value : throw new UsageException($"{option}: expected a fraction strictly between 0 and 1, found {value.ToString(CultureInfo.InvariantCulture)}");
}
