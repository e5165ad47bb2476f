using Hebb.Classics;
using Hebb.Data;
using Hebb.Tensors;

namespace Hebb.Tests.Classics;

public class PerceptronTests
{
    /// <summary>Points on either side of a random line through the unit square, none closer to it than
    /// <paramref name="margin"/>, labelled 0 and 1 by side.</summary>
    private static (Tensor Features, int[] Labels) SeparableByLine(ulong seed, int count, float margin)
    {
        var random = new SeededRandom(seed);
        float slope = (float)random.NextDouble() * 2 - 1, intercept = 0.5f;
        var features = new List<float>();
        var labels = new List<int>();
        while (labels.Count < count)
        {
            float x = (float)random.NextDouble(), y = (float)random.NextDouble();
            float distance = (y - slope * x - intercept) / MathF.Sqrt(1 + slope * slope);
            if (MathF.Abs(distance) < margin) continue;
            features.AddRange([x, y]);
            labels.Add(distance > 0 ? 1 : 0);
        }
        return (new Tensor([.. features], count, 2), [.. labels]);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void SeparatesLinearlySeparableData(ulong seed)
    {
        var (features, labels) = SeparableByLine(seed, 200, margin: 0.05f);

        var perceptron = new Perceptron(new PerceptronOptions { Seed = (uint)seed }).Fit(features, labels);

        Assert.Equal(1.0, perceptron.Score(features, labels));
        Assert.Equal([0, 1], perceptron.Classes);
        Assert.Equal(1, perceptron.Weights.GetLength(0));
        Assert.Equal(2, perceptron.Weights.GetLength(1));
    }

    [Fact]
    public void CannotSeparateXorWhateverTheSeed()
    {
        for (uint seed = 0; seed < 50; seed++)
        {
            var perceptron = new Perceptron(new PerceptronOptions { Seed = seed }).Fit(XorNetwork.Inputs, XorNetwork.Targets);
            Assert.InRange(perceptron.Score(XorNetwork.Inputs, XorNetwork.Targets), 0, 0.75);
        }
    }

    // Two samples, x = −1 (class 0) and x = 1 (class 1), in that order. Epoch 1 makes two mistakes, each
    // with margin exactly 0, so loss 0, and ends with w = 2, b = 0; every later epoch is right, with loss 0 too.
    private static readonly float[,] TwoPoints = { { -1 }, { 1 } };
    private static readonly int[] TwoLabels = [0, 1];

    [Theory]
    [InlineData(5, 6)]
    [InlineData(2, 3)]
    [InlineData(1, 2)]
    public void StopsWhenTheLossHasNotImprovedByTheToleranceForSoManyEpochs(int epochsWithoutImprovement, int expectedEpochs)
    {
        // From epoch 2 on the loss, 0, is not below the best, 0, by more than 0.001 × 2: no improvement.
        var options = new PerceptronOptions { Shuffle = false, EpochsWithoutImprovement = epochsWithoutImprovement };

        var perceptron = new Perceptron(options).Fit(TwoPoints, TwoLabels);

        Assert.Equal(expectedEpochs, perceptron.EpochsRun);
        Assert.Equal(2.0, perceptron.Weights[0, 0]);
        Assert.Equal(0.0, perceptron.Bias[0]);
    }

    [Fact]
    public void WithoutToleranceOrWithZeroToleranceItRunsEveryEpoch()
    {
        // With tolerance 0 an equal loss is no worse than the best, so it never counts as "no improvement".
        var none = new Perceptron(new PerceptronOptions { Tolerance = null, MaxEpochs = 40 }).Fit(TwoPoints, TwoLabels);
        var zero = new Perceptron(new PerceptronOptions { Tolerance = 0, MaxEpochs = 40 }).Fit(TwoPoints, TwoLabels);

        Assert.Equal(40, none.EpochsRun);
        Assert.Equal(40, zero.EpochsRun);
    }

    [Fact]
    public void TheLearningRateScalesEachStep()
    {
        var options = new PerceptronOptions { Shuffle = false, LearningRate = 0.25 };

        var perceptron = new Perceptron(options).Fit(TwoPoints, TwoLabels);

        Assert.Equal(0.5, perceptron.Weights[0, 0]);
        Assert.Equal(0.0, perceptron.Bias[0]);
    }

    [Fact]
    public void OneVersusRestOnIrisSeparatesSetosaAndScoresWellAboveChance()
    {
        var iris = IrisData.Load();
        var petals = iris.Columns(2, 3);

        var perceptron = new Perceptron(new PerceptronOptions { Seed = 0 }).Fit(petals, iris.Labels);

        Assert.Equal([0, 1, 2], perceptron.Classes);
        Assert.Equal(3, perceptron.Weights.GetLength(0));
        Assert.Equal(3, perceptron.Bias.Length);
        var score = perceptron.Score(petals, iris.Labels);
        Assert.True(score > 0.8, $"score {score}");
        var predictions = perceptron.Predict(petals);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(0, predictions[i]));
        // The largest output wins: each prediction is the argmax of the decision values.
        var decisions = perceptron.DecisionFunction(petals);
        for (int i = 0; i < predictions.Length; i++)
            for (int unit = 0; unit < 3; unit++)
                Assert.True(decisions[i, predictions[i]] >= decisions[i, unit]);
    }

    [Fact]
    public void TheSameSeedGivesTheSameWeightsAndAnotherSeedOthers()
    {
        var iris = IrisData.Load();
        double[,] Weights(uint seed) => new Perceptron(new PerceptronOptions { Seed = seed }).Fit(iris.Features, iris.Labels).Weights;

        Assert.Equal(Weights(42), Weights(42));
        Assert.NotEqual(Weights(42), Weights(43));
    }

    [Fact]
    public void WithoutShufflingTheSeedDoesNotMatter()
    {
        var iris = IrisData.Load();
        double[,] Weights(uint seed) => new Perceptron(new PerceptronOptions { Shuffle = false, Seed = seed }).Fit(iris.Features, iris.Labels).Weights;

        Assert.Equal(Weights(1), Weights(2));
    }

    [Fact]
    public void TwoClassesOfAnyLabelsGiveOneUnitForTheLargerLabel()
    {
        var perceptron = new Perceptron(new PerceptronOptions { Shuffle = false }).Fit(TwoPoints, [7, 3]);

        Assert.Equal([3, 7], perceptron.Classes);
        Assert.Equal([7, 3], perceptron.Predict(TwoPoints));
        Assert.True(perceptron.Weights[0, 0] < 0);
    }

    [Fact]
    public void FitRejectsBadInputWithAClearMessage()
    {
        var perceptron = new Perceptron();

        Assert.Contains("at least two classes", Assert.Throws<ArgumentException>(() => perceptron.Fit(TwoPoints, [1, 1])).Message);
        Assert.Contains("3 labels for 2 samples", Assert.Throws<ArgumentException>(() => perceptron.Fit(TwoPoints, [0, 1, 1])).Message);
        Assert.Contains("[samples, features]", Assert.Throws<ArgumentException>(() => perceptron.Fit(Tensor.Zeros(4), [0, 1, 0, 1])).Message);
        Assert.Contains("[samples, features]", Assert.Throws<ArgumentException>(() => perceptron.Fit(Tensor.Zeros(0, 2), [])).Message);
        Assert.Contains("feature 1 of sample 0 is NaN", Assert.Throws<ArgumentException>(() => perceptron.Fit(new float[,] { { 0, float.NaN }, { 1, 1 } }, [0, 1])).Message);
    }

    [Fact]
    public void PredictNeedsAFittedPerceptronAndTheTrainingWidth()
    {
        var perceptron = new Perceptron();
        Assert.Contains("call Fit first", Assert.Throws<InvalidOperationException>(() => perceptron.Predict(TwoPoints)).Message);

        perceptron.Fit(TwoPoints, TwoLabels);
        Assert.Contains("expected [samples, 1]", Assert.Throws<ArgumentException>(() => perceptron.Predict(new float[,] { { 1, 2 } })).Message);
        Assert.Contains("2 labels for 1 samples", Assert.Throws<ArgumentException>(() => perceptron.Score(new float[,] { { 1 } }, [0, 1])).Message);
    }

    [Fact]
    public void OptionsOutsideTheirRangeAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Perceptron(new PerceptronOptions { LearningRate = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Perceptron(new PerceptronOptions { LearningRate = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Perceptron(new PerceptronOptions { MaxEpochs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Perceptron(new PerceptronOptions { Tolerance = -1e-3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Perceptron(new PerceptronOptions { EpochsWithoutImprovement = 0 }));
    }

    [Fact]
    public void ShowsWhatItLearned()
    {
        Assert.Equal("Perceptron(not fitted)", new Perceptron().ToString());
        Assert.Equal("Perceptron(1 features => 2 classes, 6 epochs)",
            new Perceptron(new PerceptronOptions { Shuffle = false }).Fit(TwoPoints, TwoLabels).ToString());
    }
}
