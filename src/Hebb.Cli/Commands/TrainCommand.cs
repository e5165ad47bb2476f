using System.CommandLine;
using Hebb.Activations;
using Hebb.Cli.Output;
using Hebb.Layers;
using Hebb.Serialization;
using Hebb.Tensors.Kernels;
using Hebb.Training;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb train</c>: the note's execution phase — train, report every epoch, save the model.</summary>
internal static class TrainCommand
{
    private const string Advice =
        "Defaults are the course note's network: 784 -> 300 ReLU -> 100 ReLU -> 10 logits, softmax cross-entropy, " +
        "plain SGD at 0.01 (--optimizer, --schedule), mini-batches of 50, seed 42, 20 epochs. The note's advice on hyperparameters: one hidden " +
        "layer is often enough, deeper networks reach more with fewer units per layer; shrink the widths like a funnel " +
        "(each layer no wider than the one before); use ReLU in hidden layers and softmax at the output; add layers " +
        "until the network overfits, then stop.";

    public static Command Create(CommandContext context)
    {
        var data = SharedOptions.Data();
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training set", DefaultValueFactory = _ => 20 };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per mini-batch", DefaultValueFactory = _ => 50 };
        var learningRate = new Option<float>("--learning-rate")
        {
            Description = "The optimizer's step size in the first epoch (default 0.01 for every optimizer; 0.001 is usual for adam and adamw)",
            DefaultValueFactory = _ => 0.01f,
        };
        var optimizer = new OptimizerArguments();
        var schedule = new ScheduleArguments();
        var hidden = new Option<string>("--hidden") { Description = "Widths of the hidden layers, comma-separated", DefaultValueFactory = _ => "300,100" };
        var activation = new Option<string>("--activation")
        {
            Description = $"Activation of the hidden layers: {SharedOptions.HiddenActivationNames}",
            DefaultValueFactory = _ => "relu",
        };
        var dropout = new Option<float>("--dropout")
        {
            Description = "Dropout after every hidden activation: the share of values dropped in training, in [0, 1) (default 0: none)",
            HelpName = "RATE",
        };
        var batchNorm = new Option<bool>("--batch-norm") { Description = "Batch normalization before every hidden activation" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the initial weights and the batch order", DefaultValueFactory = _ => 42UL };
        var threads = new Option<int>("--threads") { Description = "Threads for the matrix products (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string>("--output") { Description = "Where to save the model", HelpName = "FILE", DefaultValueFactory = _ => "model.safetensors" };
        var validation = new Option<double>("--validation")
        {
            Description = "Hold out this share of the training samples, stratified by class, and report validation loss and accuracy every epoch (default 0: none)",
            HelpName = "FRACTION",
        };
        var earlyStopping = new Option<int>("--early-stopping")
        {
            Description = "Stop when the validation loss (the training loss without --validation) has not improved for PATIENCE epochs, and keep the best epoch's weights (default 0: never)",
            HelpName = "PATIENCE",
        };
        var json = SharedOptions.Json();

        var command = new Command("train", "Train a multilayer perceptron on MNIST-format data and save it.\n\n" + Advice)
        {
            data, epochs, batchSize, learningRate, hidden, activation, dropout, batchNorm, seed, validation, earlyStopping, threads, output, json,
        };
        foreach (var option in optimizer.All.Concat(schedule.All)) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var options = new TrainingOptions
            {
                Epochs = SharedOptions.Positive(parsed.GetValue(epochs), "--epochs"),
                BatchSize = SharedOptions.Positive(parsed.GetValue(batchSize), "--batch-size"),
                Optimizer = optimizer.Parse(parsed, SharedOptions.PositiveFinite(parsed.GetValue(learningRate), "--learning-rate")),
                Schedule = schedule.Parse(parsed),
                Seed = parsed.GetValue(seed),
                ValidationFraction = ValidationFraction(parsed.GetValue(validation)),
                EarlyStoppingPatience = parsed.GetValue(earlyStopping) >= 0 ? parsed.GetValue(earlyStopping)
                    : throw new UsageException($"--early-stopping: expected a patience of 0 (off) or more epochs, found {parsed.GetValue(earlyStopping)}"),
            };
            var hiddenWidths = ParseWidths(parsed.GetValue(hidden)!);
            var hiddenActivation = SharedOptions.HiddenActivation(parsed.GetValue(activation)!, "--activation");
            float dropoutRate = parsed.GetValue(dropout);
            if (!(dropoutRate >= 0f && dropoutRate < 1f))
                throw new UsageException($"--dropout: expected a rate in [0, 1), found {dropoutRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            Parallelism.ThreadCount = SharedOptions.Positive(parsed.GetValue(threads), "--threads");
            string outputPath = parsed.GetValue(output)!;
            SharedOptions.CheckOutputPath(outputPath);

            var split = SharedOptions.LoadData(parsed.GetValue(data));
            var model = Mlp.Create(split.Train.FeatureCount, hiddenWidths, split.Train.ClassCount, hiddenActivation, options.Seed,
                dropout: dropoutRate, batchNorm: parsed.GetValue(batchNorm));
            var trainer = new Trainer(model, options) { CheckpointPath = outputPath, DataSource = split.Source };
            var printer = new EpochPrinter(context, parsed.GetValue(json));
            printer.Start(trainer, split);
            using var signals = new InterruptSignals();
            try
            {
                printer.Fit(trainer, split, signals.Token);
            }
            catch (OperationCanceledException) when (signals.Received is not null)
            {
                context.Error.WriteLine(Interrupted(signals.Name, trainer, outputPath));
                return signals.ExitCode;
            }
            printer.Saved(outputPath, trainer);
            return ExitCode.Success;
        });
        return command;
    }

    /// <summary>The one line an interrupted run ends with: what the file holds now, and the command that goes on.</summary>
    private static string Interrupted(string signal, Trainer trainer, string outputPath) => trainer.SavedEpoch > 0
        ? $"hebb: interrupted by {signal} in epoch {trainer.CompletedEpochs + 1}; {outputPath} holds epoch {trainer.SavedEpoch}; " +
          $"go on with: hebb train --resume {outputPath} --epochs {trainer.Options.Epochs}"
        : $"hebb: interrupted by {signal} in epoch 1, before any epoch was complete; {outputPath} was not written";

    private static double ValidationFraction(double fraction) => fraction >= 0 && fraction < 1
        ? fraction
        : throw new UsageException($"--validation: expected a fraction of the training samples in [0, 1), found {fraction.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    internal static int[] ParseWidths(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], out widths[i]) || widths[i] < 1)
                throw new UsageException($"--hidden: expected comma-separated positive widths such as 300,100, found '{text}'");
        return widths;
    }

}
