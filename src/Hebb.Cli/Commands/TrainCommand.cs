using System.CommandLine;
using Hebb.Activations;
using Hebb.Data;
using Hebb.Data.Tables;
using Hebb.Cli.Distributed;
using Hebb.Distributed;
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

    private const string TableAdvice =
        "A CSV file (--data FILE.csv --target COLUMN) trains on a table: numbers standardized and text one-hot encoded, fitted on " +
        "the training rows and kept in the model file; the task inferred from the target unless --task says it. Its defaults are " +
        "scikit-learn's MLPClassifier and MLPRegressor's: one hidden layer of 100 ReLU units, adam at 0.001, 200 epochs, " +
        "here in mini-batches of 32 and with a weight decay of 0.1 (an L2 term), which a few hundred rows need: without it " +
        "the network learns diabetes's training rows (R² 0.73) and scores R² 0.23 on its test rows, with it 0.35.";

    /// <summary>The defaults of a table run, where a table's few hundred rows want other settings than MNIST's 60,000 images.</summary>
    private const int TableEpochs = 200, TableBatchSize = 32;
    private const float TableLearningRate = 0.001f, TableWeightDecay = 0.1f;
    private const string TableHidden = "100", TableOptimizer = "adam";

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
        var resume = new Option<string?>("--resume")
        {
            Description = "Go on with the run saved in FILE (interrupted or finished) to --epochs epochs in all, on the same data and with its own " +
                          "settings, bit for bit as if it had not stopped; saves into FILE unless --output names another file",
            HelpName = "FILE",
        };
        var json = SharedOptions.Json();
        var distributed = new Option<bool>("--distributed")
        {
            Description = "Data-parallel training on every rank of an Open MPI job (mpirun -np N hebb train ...; implied under mpirun): " +
                          "each global batch of --batch-size is shared between the ranks and their gradients averaged; rank 0 prints and saves",
        };

        var table = new TableArguments();
        var command = new Command("train", "Train a multilayer perceptron on MNIST-format data or a CSV table and save it.\n\n" + Advice + "\n\n" + TableAdvice)
        {
            data, epochs, batchSize, learningRate, hidden, activation, dropout, batchNorm, seed, validation, earlyStopping, threads, output, resume, json, distributed,
        };
        foreach (var option in optimizer.All.Concat(schedule.All).Concat(table.All)) command.Options.Add(option);
        command.SetAction(parsed => parsed.GetValue(distributed) || MpiWorld.LaunchedSize is not null
            ? DistributedRun.Run(context, (world, rankContext) => Train(rankContext, parsed, world))
            : Train(context, parsed, null));
        return command;

        int Train(CommandContext context, ParseResult parsed, IProcessGroup? group)
        {
            if (parsed.GetValue(resume) is string resumePath)
                return Run(context, parsed, Distribute(Resumed(parsed, command, resumePath, epochs, data, threads, output), group), json);

            bool isTable = TableArguments.IsTable(parsed.GetValue(data));
            // A table's defaults where an option is not given; MNIST's otherwise. The run keeps the values it used.
            var tableDefaults = new Dictionary<string, object>();
            T Setting<T>(Option<T> option, T tableDefault)
            {
                if (!isTable || Given(parsed, option)) return parsed.GetValue(option)!;
                tableDefaults[option.Name] = tableDefault!;
                return tableDefault;
            }
            if (isTable)
                foreach (var (name, value) in new (string, object)[] { ("--optimizer", TableOptimizer), ("--weight-decay", TableWeightDecay) })
                    if (!Given(parsed, command.Options.First(option => option.Name == name))) tableDefaults[name] = value;
            var options = new TrainingOptions
            {
                Epochs = SharedOptions.Positive(Setting(epochs, TableEpochs), "--epochs"),
                BatchSize = SharedOptions.Positive(Setting(batchSize, TableBatchSize), "--batch-size"),
                Optimizer = optimizer.Parse(parsed, SharedOptions.PositiveFinite(Setting(learningRate, TableLearningRate), "--learning-rate"),
                    isTable ? (TableOptimizer, TableWeightDecay) : null),
                Schedule = schedule.Parse(parsed),
                Seed = parsed.GetValue(seed),
                ValidationFraction = ValidationFraction(parsed.GetValue(validation)),
                EarlyStoppingPatience = parsed.GetValue(earlyStopping) >= 0 ? parsed.GetValue(earlyStopping)
                    : throw new UsageException($"--early-stopping: expected a patience of 0 (off) or more epochs, found {parsed.GetValue(earlyStopping)}"),
            };
            var hiddenWidths = ParseWidths(Setting(hidden, TableHidden));
            var hiddenActivation = SharedOptions.HiddenActivation(parsed.GetValue(activation)!, "--activation");
            float dropoutRate = parsed.GetValue(dropout);
            if (!(dropoutRate >= 0f && dropoutRate < 1f))
                throw new UsageException($"--dropout: expected a rate in [0, 1), found {dropoutRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            Parallelism.ThreadCount = SharedOptions.Positive(parsed.GetValue(threads), "--threads");
            string outputPath = parsed.GetValue(output)!;
            SharedOptions.CheckOutputPath(outputPath);

            TrainingData split;
            TableSchema? schema = null;
            if (isTable)
            {
                var loaded = table.Load(parsed, parsed.GetValue(data)!, options.Seed);
                (schema, split) = (loaded.Schema, new TrainingData(loaded.Train, loaded.Test, loaded.Source));
                if (!parsed.GetValue(json))
                    context.Output.WriteLine($"task: {schema.Target.Task.ToString().ToLowerInvariant()}, because {schema.Target.Reason} (--task to choose)");
            }
            else split = TrainingData.Of(SharedOptions.LoadData(parsed.GetValue(data)));
            var model = Mlp.Create(split.Train.FeatureCount, hiddenWidths, split.Train.OutputWidth, hiddenActivation, options.Seed,
                dropout: dropoutRate, batchNorm: parsed.GetValue(batchNorm));
            var trainer = new Trainer(model, options) { CheckpointPath = outputPath, DataSource = split.Source };
            trainer.Metadata[RunArguments.Key] = RunArguments.Capture(parsed, command, tableDefaults);
            if (schema is not null) trainer.Metadata[TableSchema.Key] = schema.ToJson();
            return Run(context, parsed, Distribute((trainer, split, outputPath), group), json);
        }
    }

    /// <summary>The run as one rank of <paramref name="group"/> trains it: only rank 0 saves (its output is the only
    /// one printed, see <see cref="DistributedRun"/>).</summary>
    private static (Trainer Trainer, TrainingData Split, string? Output) Distribute((Trainer Trainer, TrainingData Split, string Output) run, IProcessGroup? group)
    {
        if (group is null) return run;
        run.Trainer.ProcessGroup = group;
        if (group.Rank == 0) return run;
        run.Trainer.CheckpointPath = null;
        return (run.Trainer, run.Split, null);
    }

    /// <summary>Trains, printing every epoch, and saves; an interrupt ends it with the line that says how to go on.</summary>
    private static int Run(CommandContext context, ParseResult parsed, (Trainer Trainer, TrainingData Split, string? Output) run, Option<bool> json)
    {
        var (trainer, split, outputPath) = run;
        var printer = new EpochPrinter(context, parsed.GetValue(json));
        printer.Start(trainer, split);
        using var signals = new InterruptSignals();
        try
        {
            printer.Fit(trainer, split, signals.Token);
        }
        catch (OperationCanceledException) when (signals.Received is not null)
        {
            if (outputPath is not null) context.Error.WriteLine(Interrupted(signals.Name, trainer, outputPath));
            return signals.ExitCode;
        }
        // A rank other than 0 of a distributed run saves nothing.
        if (outputPath is null) return ExitCode.Success;
        // A resumed run with no epoch left to train has written nothing yet.
        if (trainer.SavedEpoch != trainer.CompletedEpochs) trainer.Save(outputPath);
        printer.Saved(outputPath, trainer);
        return ExitCode.Success;
    }

    /// <summary>
    /// The trainer of the run in <paramref name="path"/>, to go on with: settings given on this command line must be the
    /// run's (else a usage error names the conflict); the data folder and thread count are the run's unless given; the data
    /// must be the run's samples.
    /// </summary>
    private static (Trainer Trainer, TrainingData Split, string Output) Resumed(ParseResult parsed, Command command, string path,
        Option<int> epochs, Option<string?> data, Option<int> threads, Option<string> output)
    {
        string outputPath = Given(parsed, output) ? parsed.GetValue(output)! : path;
        SharedOptions.CheckOutputPath(outputPath);
        if (!File.Exists(path)) throw new UsageException($"--resume: {path} does not exist");
        var saved = ModelFile.Load(path);
        var arguments = RunArguments.Read(saved);
        RunArguments.CheckNoConflict(parsed, command, arguments, path);
        int? totalEpochs = Given(parsed, epochs) ? SharedOptions.Positive(parsed.GetValue(epochs), "--epochs") : null;
        var trainer = Trainer.Resume(saved, totalEpochs);
        if (trainer.StoppedEarly)
            throw new UsageException($"--resume: the run in {path} stopped early after epoch {trainer.CompletedEpochs} and holds its best epoch, {trainer.BestEpoch}; there is nothing to go on with");
        if (trainer.Options.Epochs < trainer.CompletedEpochs)
            throw new UsageException($"--epochs: the run in {path} has done {trainer.CompletedEpochs} epochs already, more than {trainer.Options.Epochs}");
        Parallelism.ThreadCount = Given(parsed, threads) ? SharedOptions.Positive(parsed.GetValue(threads), "--threads")
            : int.TryParse(saved.Metadata.GetValueOrDefault("hebb.threads"), out int savedThreads) && savedThreads > 0 ? savedThreads : Environment.ProcessorCount;
        string? dataPath = Given(parsed, data) ? parsed.GetValue(data) : RunArguments.Original(arguments, "--data");
        // A table's rows are encoded with the schema the run fitted, kept in the file: refitting could move its statistics.
        var split = saved.Table is null ? TrainingData.Of(SharedOptions.LoadData(dataPath))
            : TableArguments.Reload(saved.Table, arguments ?? throw new UsageException($"--resume: {path} was trained on a table but does not say how its test rows were chosen; start a new run"),
                dataPath!, trainer.Options.Seed);
        if (trainer.DataConflict(split.Train) is string conflict)
            throw new UsageException($"--data: {conflict}; a resumed run ({path}) goes on with the data it was trained on");
        trainer.CheckpointPath = outputPath;
        return (trainer, split, outputPath);
    }

    private static bool Given(ParseResult parsed, Option option) => parsed.GetResult(option) is { Implicit: false };

    /// <summary>The one line an interrupted run ends with: what the file holds now, and the command that goes on.</summary>
    private static string Interrupted(string signal, Trainer trainer, string outputPath) => trainer.SavedEpoch > 0
        ? $"hebb: interrupted by {signal} in epoch {trainer.CompletedEpochs + 1}; {outputPath} holds epoch {trainer.SavedEpoch}; " +
          $"go on with: hebb train --resume {outputPath}"
        : $"hebb: interrupted by {signal} in epoch {trainer.CompletedEpochs + 1}, before it was complete; {outputPath} was not written";

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
