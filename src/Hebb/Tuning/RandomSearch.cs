using System.Diagnostics;
using Hebb.Data;
using Hebb.Distributed;
using Hebb.Tensors;
using Hebb.Training;

namespace Hebb.Tuning;

/// <summary>
/// The note's closing advice made into a search: draws networks from a <see cref="SearchSpace"/>, trains each for a
/// few epochs on the training set less a held-out validation set, and ranks them by validation accuracy (ties: lower
/// validation loss). The test set plays no part. The same seed, data and thread count give the same trials and results.
/// </summary>
public sealed class RandomSearch
{
    // The cut has a stream of its own, so that it is the same however many configurations are drawn.
    private const ulong SplitStream = 0x5_0117_CA7EUL;

    /// <summary>A search over <paramref name="space"/> (by default the note's advice, <see cref="SearchSpace"/>) with the
    /// budget of <paramref name="options"/> (by default 20 trials of 10 epochs).</summary>
    /// <exception cref="ArgumentException">The space or the options are out of range; the message names the setting.</exception>
    public RandomSearch(SearchSpace? space = null, RandomSearchOptions? options = null)
    {
        Space = space ?? new SearchSpace();
        Options = options ?? new RandomSearchOptions();
        Space.Validate();
        Options.Validate();
    }

    /// <summary>The networks and learning rates the search draws from.</summary>
    public SearchSpace Space { get; }
    /// <summary>Trials, epochs, batch size, seed and validation set of the search.</summary>
    public RandomSearchOptions Options { get; }

    /// <summary>The validation set every trial is scored on, stratified by class, and the rest of <paramref name="train"/>
    /// that each trains on.</summary>
    public ValidationSplit Split(Dataset train) =>
        ValidationSplit.Stratified(train, Options.ValidationSamples(train.Count), Options.Seed ^ SplitStream);

    /// <summary>The networks the search tries, in order; they depend on the seed and the data's shape alone.</summary>
    public IReadOnlyList<TrialConfiguration> Configurations(int inputs, int outputs)
    {
        var random = new SeededRandom(Options.Seed);
        return Enumerable.Range(0, Options.Trials).Select(_ => Space.Draw(random, inputs, outputs)).ToList();
    }

    /// <summary>Runs every trial on <paramref name="train"/> cut by <see cref="Split"/>; returns them ranked, best first.</summary>
    public IReadOnlyList<TrialResult> Run(Dataset train, Action<TrialResult>? onTrial = null) => Run(Split(train), onTrial);

    /// <summary>Runs every trial, calling <paramref name="onTrial"/> as each ends; returns them ranked, best first.</summary>
    public IReadOnlyList<TrialResult> Run(ValidationSplit split, Action<TrialResult>? onTrial = null)
    {
        var configurations = Configurations(split.Train.FeatureCount, split.Train.ClassCount);
        return Rank(Enumerable.Range(0, configurations.Count).Select(i => RunTrial(i, configurations[i], split, onTrial)).ToList());
    }

    /// <summary>
    /// The search spread over every rank of <paramref name="group"/>, each calling this with the same data and search:
    /// trial i (from 0) trains on rank i mod Size, and rank 0 gathers the results and returns every trial ranked, as
    /// one process returns them (a trial trains the same bits on any rank, from the same seed and thread count); the
    /// other ranks return their own trials ranked. <paramref name="onTrial"/> is called for a rank's own trials as they
    /// end, then on rank 0 for the other ranks' trials, in trial order, once they are gathered.
    /// </summary>
    /// <exception cref="SearchMismatchException">On rank 0, before any trial: a rank has other data or search settings.</exception>
    public IReadOnlyList<TrialResult> Run(ValidationSplit split, IProcessGroup group, Action<TrialResult>? onTrial = null)
    {
        var configurations = Configurations(split.Train.FeatureCount, split.Train.ClassCount);
        var exchange = new TrialExchange(group, configurations, Options.EpochsPerTrial);
        exchange.CheckSameSearch(split, Options);
        var own = Enumerable.Range(0, configurations.Count).Where(exchange.IsOwn)
            .Select(i => RunTrial(i, configurations[i], split, onTrial)).ToList();
        var all = exchange.Gather(own);
        if (onTrial is not null)
            foreach (var result in all.Where(result => !exchange.IsOwn(result.Trial - 1))) onTrial(result);
        return Rank(all);
    }

    private TrialResult RunTrial(int index, TrialConfiguration configuration, ValidationSplit split, Action<TrialResult>? onTrial)
    {
        var clock = Stopwatch.StartNew();
        var trained = Train(configuration, split.Train, Options.EpochsPerTrial);
        var validation = Evaluation.Run(trained.Model, split.Validation);
        var result = new TrialResult(index + 1, configuration, validation.Accuracy, validation.Loss,
            trained.History[^1].Loss, Options.EpochsPerTrial, clock.Elapsed.TotalSeconds);
        onTrial?.Invoke(result);
        return result;
    }

    /// <summary>
    /// Trains <paramref name="configuration"/> as a trial does — also the chosen one on the whole training set. Every
    /// network starts from the search's seed, as <c>hebb train --seed</c> would, so trials differ only in what is searched
    /// and the best one can be retrained exactly.
    /// </summary>
    public TrainedModel Train(TrialConfiguration configuration, Dataset data, int epochs, Action<EpochReport>? onEpoch = null)
    {
        var options = configuration.TrainingOptions(epochs, Options.BatchSize, Options.Seed);
        var model = configuration.CreateModel(Options.Seed);
        var history = new Trainer(model, options).Fit(data, test: null, onEpoch);
        return new TrainedModel(model, options, history);
    }

    /// <summary>Best first: higher validation accuracy, then lower validation loss (a diverged, NaN loss last), then earlier trial.</summary>
    public static IReadOnlyList<TrialResult> Rank(IEnumerable<TrialResult> results) =>
        results.OrderByDescending(result => result.ValidationAccuracy)
            .ThenBy(result => double.IsNaN(result.ValidationLoss) ? double.PositiveInfinity : result.ValidationLoss)
            .ThenBy(result => result.Trial)
            .ToList();
}
