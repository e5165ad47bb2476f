using Hebb.Classics;
using Hebb.Data;

namespace Hebb.Tests.Readme;

/// <summary>README's C# example of the note's classics, as written there, with the figures its comments give.</summary>
public class ReadmeClassicsExampleTests
{
    [Fact]
    public void ThePerceptronAndXorExampleGivesTheFiguresItsCommentsSay()
    {
        var iris = IrisData.Load();                                              // built in: Fisher's 150 flowers
        var petals = iris.Columns(2, 3);                                         // petal length and width, cm
        var isSetosa = iris.Labels.Select(label => label == 0 ? 1 : 0).ToArray();
        var perceptron = new Perceptron(new PerceptronOptions { Seed = 42 }).Fit(petals, isSetosa);
        int[] predicted = perceptron.Predict(new float[,] { { 2f, 0.5f } });    // [1]: setosa

        var xor = XorTraining.Train(new XorTrainingOptions { Seed = 42 });      // 2 → 4 tanh → 1, by backpropagation

        Assert.Equal([1], predicted);
        Assert.Equal(-1.4, perceptron.Weights[0, 0], 1e-6);
        Assert.Equal(-2.2, perceptron.Weights[0, 1], 1e-6);
        Assert.Equal([4.0], perceptron.Bias);
        Assert.Equal(7, perceptron.EpochsRun);
        Assert.Equal(4, xor.Correct);
        Assert.InRange(xor.Steps, 250, 320);
        Assert.Equal([0f, 0.99f, 0.99f, 0.02f], xor.Outputs.Select(output => MathF.Round(output, 2)));
    }
}
