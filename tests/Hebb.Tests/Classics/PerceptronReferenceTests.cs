using Hebb.Classics;

namespace Hebb.Tests.Classics;

/// <summary>Hebb's perceptron against scikit-learn 1.2.1's on the same float32 inputs, options and seeds
/// (<c>tools/reference/make_perceptron_reference.py</c>): the same shuffle order and float64 arithmetic give
/// the very same weights, biases and epoch counts.</summary>
public class PerceptronReferenceTests
{
    public static TheoryData<string> Cases => [.. ScikitLearnPerceptron.CaseNames];

    [Theory]
    [MemberData(nameof(Cases))]
    public void LearnsScikitLearnsWeightsBiasAndEpochs(string name)
    {
        var reference = ScikitLearnPerceptron.Named(name);

        var perceptron = new Perceptron(reference.Options).Fit(reference.Features, reference.Labels);

        Assert.Equal(reference.Classes, perceptron.Classes);
        Assert.Equal(reference.Coef, perceptron.Weights);
        Assert.Equal(reference.Intercept, perceptron.Bias);
        Assert.Equal(reference.Epochs, perceptron.EpochsRun);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecidesPredictsAndScoresAsScikitLearn(string name)
    {
        var reference = ScikitLearnPerceptron.Named(name);
        var perceptron = new Perceptron(reference.Options).Fit(reference.Features, reference.Labels);

        var decisions = perceptron.DecisionFunction(reference.Features);
        var expected = reference.DecisionFunction;
        Assert.Equal(expected.GetLength(0), decisions.GetLength(0));
        Assert.Equal(expected.GetLength(1), decisions.GetLength(1));
        // scikit-learn takes these products with BLAS, which may sum in another order.
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++)
                Assert.Equal(expected[i, j], decisions[i, j], 1e-9 * (1 + Math.Abs(expected[i, j])));
        Assert.Equal(reference.Predictions, perceptron.Predict(reference.Features));
        Assert.Equal(reference.Score, perceptron.Score(reference.Features, reference.Labels));
    }

    [Fact]
    public void TheNotesExamplePredictsSetosaForAShortNarrowPetal()
    {
        var reference = ScikitLearnPerceptron.Named("note");
        var perceptron = new Perceptron(reference.Options).Fit(reference.Features, reference.Labels);

        Assert.Equal([1], perceptron.Predict(new float[,] { { 2f, 0.5f } }));
        Assert.Equal([1], reference.Case.GetProperty("query_predictions").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(7, perceptron.EpochsRun);
        Assert.Equal(-1.4, perceptron.Weights[0, 0], 1e-6);
        Assert.Equal(-2.2, perceptron.Weights[0, 1], 1e-6);
        Assert.Equal(4.0, perceptron.Bias[0]);
    }

    [Fact]
    public void NumPyRandomStateDrawsAsNumPy()
    {
        var draws = ScikitLearnPerceptron.Root.GetProperty("numpy_random_state");
        var fromSeed42 = new NumPyRandomState(42);
        var fromSeed7 = new NumPyRandomState(7);

        Assert.Equal(draws.GetProperty("seed_42_randint_max_int").EnumerateArray().Select(v => v.GetInt64()),
            Enumerable.Range(0, 5).Select(_ => fromSeed42.NextInt(0, int.MaxValue)));
        Assert.Equal(draws.GetProperty("seed_7_randint_1_to_max_int").EnumerateArray().Select(v => v.GetInt64()),
            Enumerable.Range(0, 5).Select(_ => fromSeed7.NextInt(1, int.MaxValue)));
    }
}
