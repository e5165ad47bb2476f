using System.CommandLine;
using System.Globalization;
using Hebb.Classics;
using Hebb.Cli.Output;
using Hebb.Data;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb demo perceptron</c>: the note's scikit-learn example — a perceptron learns "is it setosa?"
/// from iris petal length and width with seed 42, then classifies a petal 2 cm long and 0.5 cm wide.</summary>
internal static class DemoPerceptronCommand
{
    private const uint Seed = 42;
    private static readonly int[] PetalColumns = [2, 3];
    private static readonly float[,] Query = { { 2f, 0.5f } };

    public static Command Create(CommandContext context)
    {
        var json = SharedOptions.Json();
        var command = new Command("perceptron",
            "The note's perceptron: learn 'is Iris setosa' from the petal length and width of the 150 iris flowers " +
            "built into Hebb (seed 42, scikit-learn's defaults), then classify a petal 2 cm long and 0.5 cm wide. " +
            "Hebb shuffles as scikit-learn does, so scikit-learn's Perceptron(random_state=42) learns the same weights.")
        {
            json,
        };
        command.SetAction(parsed =>
        {
            var iris = IrisData.Load();
            var petals = iris.Columns(PetalColumns);
            var isSetosa = iris.Labels.Select(label => label == 0 ? 1 : 0).ToArray();
            var options = new PerceptronOptions { Seed = Seed };
            var perceptron = new Perceptron(options).Fit(petals, isSetosa);
            int right = perceptron.Predict(petals).Zip(isSetosa).Count(pair => pair.First == pair.Second);
            int prediction = perceptron.Predict(Query)[0];
            double[] weights = [perceptron.Weights[0, 0], perceptron.Weights[0, 1]];
            var featureNames = PetalColumns.Select(column => IrisData.FeatureNames[column]).ToArray();

            if (parsed.GetValue(json))
            {
                context.Output.WriteLine(Json.Line(new Dictionary<string, object?>
                {
                    ["features"] = featureNames,
                    ["target"] = "is Iris setosa",
                    ["seed"] = Seed,
                    ["weights"] = weights,
                    ["bias"] = perceptron.Bias[0],
                    ["epochs"] = perceptron.EpochsRun,
                    ["training_correct"] = right,
                    ["training_samples"] = iris.Count,
                    ["training_accuracy"] = (double)right / iris.Count,
                    ["query"] = new[] { Query[0, 0], Query[0, 1] },
                    ["prediction"] = prediction,
                }));
                return ExitCode.Success;
            }

            var output = context.Output;
            output.WriteLine($"The note's perceptron: {string.Join(" and ", featureNames)} of {iris.Count} iris flowers, target \"is Iris setosa\", seed {Seed}");
            output.WriteLine($"weights      {Figures.List(weights)}");
            output.WriteLine($"bias         {Figures.Short(perceptron.Bias[0])}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epochs run   {perceptron.EpochsRun} (stopped once the summed loss had not improved by more than {options.Tolerance} x {iris.Count} for {options.EpochsWithoutImprovement} epochs)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training     {right} of {iris.Count} right (accuracy {(double)right / iris.Count:F4})"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"predict [{Query[0, 0]}, {Query[0, 1]}] -> {prediction} ({(prediction == 1 ? "setosa" : "not setosa")})"));
            output.WriteLine($"Hebb draws scikit-learn's shuffle order, so scikit-learn's Perceptron(random_state={Seed}) learns the same weights, bias and epoch count.");
            return ExitCode.Success;
        });
        return command;
    }
}
