using System.Text.Json;
using Hebb.Activations;
using Hebb.Classics;

namespace Hebb.Tests.Cli;

public class DemoCommandTests
{
    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    [Theory]
    [InlineData("demo")]
    [InlineData("demo", "perceptron")]
    [InlineData("demo", "xor")]
    public void EveryDemoCommandHasHelp(params string[] command)
    {
        var run = CliRun.Of([.. command, "--help"]);

        run.AssertSucceeded();
        Assert.Contains("Usage:", run.Output);
        Assert.Contains(command.Length == 1 ? "perceptron" : "--json", run.Output);
    }

    [Fact]
    public void DemoWithoutASubcommandIsAUsageError()
    {
        CliRun.Of("demo").AssertFailed(2, "Required command");
    }

    [Fact]
    public void PerceptronPrintsTheNotesExample()
    {
        var run = CliRun.Of("demo", "perceptron");

        run.AssertSucceeded();
        Assert.Equal([
            "The note's perceptron: petal length (cm) and petal width (cm) of 150 iris flowers, target \"is Iris setosa\", seed 42",
            "weights      [-1.4, -2.2]",
            "bias         4",
            "epochs run   7 (stopped once the summed loss had not improved by more than 0.001 x 150 for 5 epochs)",
            "training     150 of 150 right (accuracy 1.0000)",
            "predict [2, 0.5] -> 1 (setosa)",
            "Hebb draws scikit-learn's shuffle order, so scikit-learn's Perceptron(random_state=42) learns the same weights, bias and epoch count.",
        ], run.OutputLines);
    }

    [Fact]
    public void PerceptronJsonGivesTheSameFigures()
    {
        var run = CliRun.Of("demo", "perceptron", "--json");

        run.AssertSucceeded();
        var demo = Assert.Single(run.JsonLines());
        var weights = Doubles(demo.GetProperty("weights"));
        // scikit-learn 1.2.1: coef_ [[-1.4, -2.2]], intercept_ [4.0], n_iter_ 7 (1.4 and 2.2 as float32, summed in float64).
        Assert.Equal(-1.4, weights[0], 1e-6);
        Assert.Equal(-2.2, weights[1], 1e-6);
        Assert.Equal(4.0, demo.GetProperty("bias").GetDouble());
        Assert.Equal(7, demo.GetProperty("epochs").GetInt32());
        Assert.Equal(150, demo.GetProperty("training_correct").GetInt32());
        Assert.Equal(150, demo.GetProperty("training_samples").GetInt32());
        Assert.Equal(1.0, demo.GetProperty("training_accuracy").GetDouble());
        Assert.Equal([2.0, 0.5], Doubles(demo.GetProperty("query")));
        Assert.Equal(1, demo.GetProperty("prediction").GetInt32());
        Assert.Equal(42, demo.GetProperty("seed").GetInt32());
        Assert.Equal(["petal length (cm)", "petal width (cm)"], demo.GetProperty("features").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void XorTellsTheNotesThreeParts()
    {
        var run = CliRun.Of("demo", "xor");

        run.AssertSucceeded();
        var lines = run.OutputLines;
        Assert.Equal("XOR of (0,0), (0,1), (1,0), (1,1) is 0, 1, 1, 0.", lines[0]);
        Assert.Equal("(a) One perceptron, perceptron rule, seed 42: 2 of 4 right after 6 epochs", lines[1]);
        Assert.Contains(lines, line => line.Contains("cannot separate them: at most 3 of 4 right"));
        Assert.Contains("heaviside  outputs [0, 1, 1, 0]  4 of 4 right: exactly XOR", run.Output);
        Assert.Contains("sigmoid    outputs [0.4244, 0.4366, 0.4366, 0.4244]  2 of 4 right", run.Output);
        Assert.Contains("(c) A network trained by backpropagation: Sequential(Dense(2 => 4, tanh), Dense(4 => 1))", run.Output);
        Assert.Matches(@"^4 of 4 right after \d+ steps, loss 0\.0\d{3}, outputs \[0\.0\d{3}, 0\.9\d{3}, 0\.9\d{3}, 0\.0\d{3}\]$", lines[^1]);
    }

    [Fact]
    public void XorJsonGivesEveryOutputAndTheTrainingFigures()
    {
        var run = CliRun.Of("demo", "xor", "--json");

        run.AssertSucceeded();
        var demo = Assert.Single(run.JsonLines());
        Assert.Equal(XorNetwork.Targets, Ints(demo.GetProperty("targets")));
        Assert.Equal(4, demo.GetProperty("inputs").GetArrayLength());

        var perceptron = demo.GetProperty("perceptron");
        Assert.InRange(perceptron.GetProperty("correct").GetInt32(), 0, 3);
        Assert.Equal(XorNetwork.Correct(Ints(perceptron.GetProperty("predictions"))), perceptron.GetProperty("correct").GetInt32());
        Assert.Equal(2, perceptron.GetProperty("weights").GetArrayLength());

        var handWired = demo.GetProperty("hand_wired");
        Assert.Equal([0.0, 1, 1, 0], Doubles(handWired.GetProperty("heaviside").GetProperty("outputs")));
        Assert.Equal(4, handWired.GetProperty("heaviside").GetProperty("correct").GetInt32());
        var sigmoid = handWired.GetProperty("sigmoid").GetProperty("outputs").EnumerateArray().Select(v => v.GetSingle());
        Assert.Equal(XorNetwork.HandWired(Activation.Sigmoid).Forward(XorNetwork.Inputs).Data, sigmoid);

        var trained = demo.GetProperty("trained");
        var library = XorTraining.Train(new XorTrainingOptions { Seed = 42 });
        Assert.Equal(4, trained.GetProperty("correct").GetInt32());
        Assert.Equal(library.Steps, trained.GetProperty("steps").GetInt32());
        Assert.Equal(library.Loss, trained.GetProperty("loss").GetSingle());
        Assert.Equal(library.Outputs, trained.GetProperty("outputs").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal(XorNetwork.Targets, Ints(trained.GetProperty("predictions")));
        Assert.Equal("Sequential(Dense(2 => 4, tanh), Dense(4 => 1))", trained.GetProperty("network").GetString());
    }

    [Fact]
    public void XorSeedChangesThePerceptronAndTheTrainedNetworksStart()
    {
        var first = Assert.Single(CliRun.Of("demo", "xor", "--json", "--seed", "7").JsonLines());
        var second = Assert.Single(CliRun.Of("demo", "xor", "--json", "--seed", "8").JsonLines());

        Assert.Equal(7, first.GetProperty("trained").GetProperty("seed").GetInt32());
        Assert.Equal(7, first.GetProperty("perceptron").GetProperty("seed").GetInt32());
        Assert.NotEqual(first.GetProperty("trained").GetProperty("outputs").ToString(), second.GetProperty("trained").GetProperty("outputs").ToString());
    }

    [Fact]
    public void ABadSeedIsAUsageError()
    {
        CliRun.Of("demo", "xor", "--seed", "-1").AssertFailed(2, "--seed");
    }
}
