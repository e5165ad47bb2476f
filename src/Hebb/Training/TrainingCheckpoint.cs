using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Optimizers;
using Hebb.Schedules;
using Hebb.Serialization;
using Hebb.Tensors;

namespace Hebb.Training;

/// <summary>
/// What a model file holds besides the model when a <see cref="Trainer"/> writes it, so that <see cref="Trainer.Resume(string, int?)"/>
/// goes on exactly where the run was: the optimiser's buffers as tensors <c>optimizer/&lt;slot&gt;</c> (e.g.
/// <c>optimizer/hidden1/weights/exp_avg</c>), the best epoch's weights of early stopping as <c>early_stopping/&lt;name&gt;</c>,
/// and in the metadata entry <c>hebb.checkpoint</c> the settings, the optimiser's step count, the schedule's state, the
/// state of every random generator (the batch order's and each dropout layer's), early stopping's progress and a
/// fingerprint of the training data.
/// </summary>
internal static class TrainingCheckpoint
{
    public const string Key = "hebb.checkpoint";
    public const string OptimizerPrefix = "optimizer/";
    public const string EarlyStoppingPrefix = "early_stopping/";
    public const string BatchOrderGenerator = "batch_order";

    /// <summary>Every tensor name prefix of the run's state, which a model file may hold beside the model's own.</summary>
    public static readonly string[] TensorPrefixes = [OptimizerPrefix, EarlyStoppingPrefix];

    /// <summary>The extra tensors and the <c>hebb.checkpoint</c> entry for <paramref name="trainer"/> as it is now.</summary>
    public static (List<KeyValuePair<string, Tensor>> Tensors, string Json) Capture(Trainer trainer, TrainerState state)
    {
        var optimizer = trainer.Optimizer.SaveState();
        var tensors = optimizer.Slots
            .Select(slot => new KeyValuePair<string, Tensor>(OptimizerPrefix + slot.Name, new Tensor(slot.Values, slot.Values.Length)))
            .ToList();
        EarlyStoppingRecord? earlyStopping = null;
        if (state.EarlyStopping is { } stopping)
        {
            var names = ParameterAndBufferNames(trainer.Model);
            for (int i = 0; i < names.Count; i++)
                tensors.Add(new(EarlyStoppingPrefix + names[i], new Tensor(stopping.BestValues[i], stopping.BestValues[i].Length)));
            earlyStopping = new EarlyStoppingRecord(stopping.BestEpoch, stopping.BestLoss, stopping.EpochsWithoutImprovement, trainer.StoppedEarly);
        }
        var generators = new Dictionary<string, GeneratorRecord> { [BatchOrderGenerator] = GeneratorRecord.Of(state.ShuffleRandom) };
        foreach (var layer in trainer.Model.Layers)
            if (layer is IStochasticLayer stochastic) generators[layer.Name] = GeneratorRecord.Of(stochastic.Random);
        var record = new CheckpointRecord(trainer.Options, state.ScheduleEpochs, optimizer.StepCount,
            optimizer.Slots.Select(slot => slot.Name).ToList(), new Dictionary<string, double>(trainer.Schedule.SaveState().Values),
            generators, earlyStopping, state.Data);
        return (tensors, JsonSerializer.Serialize(record, ModelFileJson.Default.CheckpointRecord));
    }

    /// <summary>A trainer that goes on with the run <paramref name="saved"/> holds, to <paramref name="epochs"/> epochs in
    /// all (by default the run's own count).</summary>
    public static Trainer Resume(SavedModel saved, int? epochs)
    {
        var record = Read(saved);
        var options = record.Options with { Epochs = epochs ?? record.Options.Epochs };
        string field = $"__metadata__.{Key}";
        try
        {
            options.Validate();
            var model = saved.Model;
            var optimizer = options.Optimizer.Create(model.Parameters);
            optimizer.LoadState(new OptimizerState(record.OptimizerSteps,
                record.OptimizerSlots.Select(name => new OptimizerSlot(name, saved.RunTensor(OptimizerPrefix + name).Data)).ToList()));
            var schedule = options.Schedule.Create(options.Optimizer.LearningRate, record.ScheduleEpochs);
            schedule.LoadState(new ScheduleState(record.Schedule));
            var trainer = new Trainer(model, optimizer, options, schedule)
            {
                CheckpointPath = saved.Path,
                DataSource = saved.Metadata.GetValueOrDefault(ModelFile.DatasetKey, ""),
            };
            foreach (var (key, value) in saved.Metadata)
                if (!ModelFile.IsOwnKey(key)) trainer.Metadata[key] = value;
            trainer.Restore(saved.History(), record.ScheduleEpochs, Generator(record, BatchOrderGenerator, saved).ToState(), record.Data);
            foreach (var layer in model.Layers)
                if (layer is IStochasticLayer stochastic) stochastic.Random.LoadState(Generator(record, layer.Name, saved).ToState());
            if (record.EarlyStopping is { } stopping)
            {
                if (options.EarlyStoppingPatience == 0)
                    throw new InvalidFileException(saved.Path, field, "holds early stopping's progress but the settings have no patience");
                var best = ParameterAndBufferNames(model).Select(name => saved.RunTensor(EarlyStoppingPrefix + name).Data).ToList();
                trainer.RestoreEarlyStopping(stopping.BestEpoch, stopping.BestLoss, stopping.EpochsWithoutImprovement, best, stopping.Stopped);
            }
            return trainer;
        }
        catch (Exception error) when (error is ArgumentException or InvalidDataException)
        {
            throw new InvalidFileException(saved.Path, field, error.Message);
        }
    }

    /// <summary>True when <paramref name="saved"/> holds a run's state to go on from.</summary>
    public static bool IsCheckpoint(SavedModel saved) => saved.Metadata.ContainsKey(Key);

    private static CheckpointRecord Read(SavedModel saved)
    {
        string field = $"__metadata__.{Key}";
        if (!saved.Metadata.TryGetValue(Key, out var json))
            throw new InvalidFileException(saved.Path, field, "missing; expected a file written by 'hebb train' (or Trainer) during or after a run, which holds the run's state");
        CheckpointRecord? record;
        try { record = JsonSerializer.Deserialize(json, ModelFileJson.Default.CheckpointRecord); }
        catch (JsonException error) { throw new InvalidFileException(saved.Path, field, $"expected the JSON of a run's state, {error.Message}"); }
        if (record?.Options is null || record.OptimizerSlots is null || record.Schedule is null || record.Generators is null || record.Data is null)
            throw new InvalidFileException(saved.Path, field, "expected the JSON of a run's state with options, optimizer_slots, schedule, generators and data");
        return record;
    }

    private static GeneratorRecord Generator(CheckpointRecord record, string name, SavedModel saved) =>
        record.Generators.TryGetValue(name, out var generator) && generator is not null
            ? generator
            : throw new InvalidFileException(saved.Path, $"__metadata__.{Key} generators", $"no state for the generator of '{name}'");

    /// <summary>The names of the model's parameters, then of its buffers: the order of <see cref="EarlyStopping"/>'s copies.</summary>
    private static List<string> ParameterAndBufferNames(Sequential model) =>
        model.Parameters.Select(p => p.Name).Concat(model.Buffers.Select(b => b.Key)).ToList();
}

/// <summary>What a trainer keeps that a checkpoint needs and that is not public on it.</summary>
internal sealed record TrainerState(int ScheduleEpochs, SeededRandom ShuffleRandom, EarlyStopping? EarlyStopping, DataFingerprint? Data);

/// <summary>The <c>hebb.checkpoint</c> entry.</summary>
/// <param name="Options">The run's settings, its epoch count the total asked for so far.</param>
/// <param name="OptimizerSteps">The optimiser's step count.</param>
/// <param name="OptimizerSlots">The names of the optimiser's buffers, in its order; each is the tensor <c>optimizer/&lt;name&gt;</c>.</param>
/// <param name="Schedule">The schedule's state.</param>
/// <param name="Generators">The state of every random generator: the batch order's, and each stochastic layer's by layer name.</param>
/// <param name="EarlyStopping">Early stopping's progress; null without early stopping.</param>
/// <param name="Data">The training data's fingerprint; null before the first <see cref="Trainer.Fit"/>.</param>
/// <param name="ScheduleEpochs">The epoch count the schedule was made for (that of the first run, which a resumed run
/// to more epochs keeps, so that the rates of the epochs already run do not change).</param>
internal sealed record CheckpointRecord(
    TrainingOptions Options,
    int ScheduleEpochs,
    long OptimizerSteps,
    List<string> OptimizerSlots,
    Dictionary<string, double> Schedule,
    Dictionary<string, GeneratorRecord> Generators,
    EarlyStoppingRecord? EarlyStopping,
    DataFingerprint? Data);

/// <summary>A <see cref="SeededRandom"/>'s state: its four words in hexadecimal (JSON numbers cannot hold 64 bits exactly).</summary>
internal sealed record GeneratorRecord(string[] Words, double? SpareNormal)
{
    public static GeneratorRecord Of(SeededRandom random)
    {
        var state = random.SaveState();
        return new GeneratorRecord([.. new[] { state.S0, state.S1, state.S2, state.S3 }.Select(word => word.ToString("x16", CultureInfo.InvariantCulture))],
            state.SpareNormal);
    }

    public SeededRandom.State ToState()
    {
        if (Words is not { Length: 4 } || Words.Any(word => !ulong.TryParse(word, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _)))
            throw new InvalidDataException($"a generator's state: expected four 64-bit words in hexadecimal, found {(Words is null ? "none" : string.Join(", ", Words))}");
        var words = Words.Select(word => ulong.Parse(word, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)).ToArray();
        return new SeededRandom.State(words[0], words[1], words[2], words[3], SpareNormal);
    }
}

/// <summary>Early stopping's progress.</summary>
internal sealed record EarlyStoppingRecord(int BestEpoch, double BestLoss, int EpochsWithoutImprovement, bool Stopped);

/// <summary>What the training data was: a resumed run must see the same samples to continue the same run.</summary>
internal sealed record DataFingerprint(int Samples, int Features, int Classes, string Sha256)
{
    public static DataFingerprint Of(Dataset data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        data.AppendTo(hash);
        return new DataFingerprint(data.Count, data.FeatureCount, data.ClassCount, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>What differs between the run's data (this) and <paramref name="other"/>, or null when they are the same.</summary>
    public string? Conflict(DataFingerprint other) =>
        Features != other.Features ? $"the run trained on {Features} features per sample, the data has {other.Features}"
        : Classes != other.Classes ? $"the run trained on {Classes} classes, the data has {other.Classes}"
        : Samples != other.Samples ? $"the run trained on {Samples} samples, the data has {other.Samples}"
        : Sha256 != other.Sha256 ? $"the data has the run's {Samples} samples of {Features} features, but not the same ones (SHA-256 {other.Sha256[..12]}…, the run's {Sha256[..12]}…)"
        : null;
}
