using Hebb.Classics;
using Hebb.Data;
using static System.FormattableString;

namespace Hebb.Examples;

/// <summary>Block 3 of the note: scikit-learn's <c>Perceptron(random_state=42)</c> learns "is it Iris setosa?"
/// from petal length and width, then classifies a petal 2 cm long and 0.5 cm wide.</summary>
public static class PerceptronOnIris
{
    public static void Run(TextWriter output)
    {
        var iris = IrisData.Load();
        var x = iris.Columns(2, 3);                                         // petal length, petal width
        var y = iris.Labels.Select(label => label == 0 ? 1 : 0).ToArray();  // Iris setosa?

        var perceptron = new Perceptron(new PerceptronOptions { Seed = 42 });
        perceptron.Fit(x, y);
        int[] prediction = perceptron.Predict(new float[,] { { 2f, 0.5f } });

        output.WriteLine(Invariant($"weights [{perceptron.Weights[0, 0]:G6}, {perceptron.Weights[0, 1]:G6}], bias {perceptron.Bias[0]:G6}, after {perceptron.EpochsRun} epochs"));
        output.WriteLine(Invariant($"training accuracy {perceptron.Score(x, y):F4}"));
        output.WriteLine($"prediction for [2, 0.5]: {prediction[0]} ({(prediction[0] == 1 ? "setosa" : "not setosa")})");
    }
}
