using Hebb.Activations;
using Hebb.Data;
using Hebb.Tests.Data;
using Hebb.Tuning;

namespace Hebb.Tests.Tuning;

public sealed class RandomSearchTests
{
    // Few digits, narrow networks and one epoch a trial: each trial takes a moment.
    private static readonly ImageDataset Train = MnistData.LoadBuiltInSample().Train.Slice(0, 600);
    private static readonly SearchSpace Narrow = new() { MaxWidth = 64 };
    private static readonly Lazy<IReadOnlyList<TrialResult>> Ranking = new(() => Search().Run(Train));

    private static RandomSearch Search(ulong seed = 7, SearchSpace? space = null) =>
        new(space ?? Narrow, new RandomSearchOptions { Trials = 3, EpochsPerTrial = 1, Seed = seed });

    [Fact]
    public void SameSeedGivesTheSameTrialsAndTheSameRanking()
    {
        var again = Search(seed: 7).Run(Train);

        Assert.Equal(Summary(Ranking.Value), Summary(again));
        Assert.NotEqual(Configurations(Search(seed: 7)), Configurations(Search(seed: 8)));
    }

    [Fact]
    public void TrialsAreTheDrawnConfigurationsInOrder()
    {
        var results = Ranking.Value;

        Assert.Equal(Configurations(Search()), results.OrderBy(r => r.Trial).Select(r => r.Configuration.ToString()));
        Assert.Equal([1, 2, 3], results.Select(r => r.Trial).Order());
        Assert.All(results, r => Assert.Equal(1, r.Epochs));
    }

    [Fact]
    public void ResultsComeRankedBestFirst()
    {
        var ranking = Ranking.Value;

        for (int i = 1; i < ranking.Count; i++)
            Assert.True(ranking[i - 1].ValidationAccuracy > ranking[i].ValidationAccuracy
                || (ranking[i - 1].ValidationAccuracy == ranking[i].ValidationAccuracy && ranking[i - 1].ValidationLoss <= ranking[i].ValidationLoss));
    }

    [Fact]
    public void RankingBreaksAccuracyTiesByLowerLossPutsDivergedLossesLastThenKeepsTrialOrder()
    {
        var configuration = new TrialConfiguration(4, [2], 2, Activation.Relu, 0.1f);
        TrialResult Result(int trial, double accuracy, double loss) => new(trial, configuration, accuracy, loss, 0.5, 1, 0.1);

        var ranking = RandomSearch.Rank([
            Result(1, 0.80, 0.50), Result(2, 0.90, double.NaN), Result(3, 0.90, 0.40),
            Result(4, 0.95, 0.70), Result(5, 0.90, 0.30), Result(6, 0.80, 0.50),
        ]);

        Assert.Equal([4, 5, 3, 2, 1, 6], ranking.Select(r => r.Trial));
    }

    [Fact]
    public void ValidationIsHeldOutOfTheTrainingSetTheSameWayEveryTime()
    {
        var data = ValidationSplitTests.Numbered(600);
        var search = Search();

        var split = search.Split(data);

        var validation = ValidationSplitTests.Indices(split.Validation);
        var train = ValidationSplitTests.Indices(split.Train);
        Assert.Equal((60, 540), (validation.Length, train.Length));
        Assert.Empty(validation.Intersect(train));
        Assert.Equal(Enumerable.Range(0, 600), validation.Concat(train).Order());
        Assert.Equal(validation, ValidationSplitTests.Indices(Search().Split(data).Validation));
        // The cut does not move with the size of the search.
        Assert.Equal(validation, ValidationSplitTests.Indices(
            new RandomSearch(options: new RandomSearchOptions { Trials = 50, Seed = 7 }).Split(data).Validation));
    }

    [Fact]
    public void EveryTrialTrainsAndIsScoredOnTheSameSamples()
    {
        // With a space of one network, trials differ in nothing but the data they would see: they must score alike.
        var oneNetwork = new SearchSpace
        {
            MinHiddenLayers = 1, MaxHiddenLayers = 1, MinWidth = 24, MaxWidth = 24,
            Activations = [Activation.Relu], MinLearningRate = 0.05, MaxLearningRate = 0.05,
        };

        var results = Search(space: oneNetwork).Run(Train);

        Assert.Single(results.Select(r => (r.ValidationAccuracy, r.ValidationLoss, r.TrainingLoss)).Distinct());
    }

    [Fact]
    public void ValidationSizeIsAFractionOfTheTrainingSetOrAGivenCount()
    {
        Assert.Equal(60, new RandomSearchOptions().ValidationSamples(600));
        Assert.Equal(150, new RandomSearchOptions { ValidationFraction = 0.25 }.ValidationSamples(600));
        Assert.Equal(1, new RandomSearchOptions { ValidationFraction = 0.01 }.ValidationSamples(20));
        Assert.Equal(123, new RandomSearchOptions { ValidationCount = 123 }.ValidationSamples(600));
    }

    public static TheoryData<RandomSearchOptions> Invalid => new()
    {
        new RandomSearchOptions { Trials = 0 },
        new RandomSearchOptions { EpochsPerTrial = 0 },
        new RandomSearchOptions { BatchSize = 0 },
        new RandomSearchOptions { ValidationFraction = 0 },
        new RandomSearchOptions { ValidationFraction = 1 },
        new RandomSearchOptions { ValidationFraction = double.NaN },
        new RandomSearchOptions { ValidationCount = 0 },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void ImpossibleOptionsAreRejected(RandomSearchOptions options) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSearch(options: options));

    private static string[] Configurations(RandomSearch search) =>
        search.Configurations(784, 10).Select(c => c.ToString()).ToArray();

    private static string[] Summary(IReadOnlyList<TrialResult> ranking) =>
        ranking.Select(r => $"{r.Trial} {r.Configuration} {r.ValidationAccuracy:R} {r.ValidationLoss:R} {r.TrainingLoss:R}").ToArray();
}
