using System.CommandLine;
using System.Globalization;
using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Classics;
using Hebb.Cli.Output;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb demo xor</c>: the note's XOR story — one perceptron cannot learn it, a hand-wired
/// two-layer network computes it, and a small network learns it by backpropagation.</summary>
internal static class DemoXorCommand
{
    private const string HandWiredFormula = "act(-act(x1 + x2 - 1.5) + act(x1 + x2 - 0.5) - 0.5)";

    public static Command Create(CommandContext context)
    {
        var seed = new Option<uint>("--seed")
        {
            Description = "Seed of the perceptron's shuffling and of the trained network's initial weights",
            DefaultValueFactory = _ => 42u,
        };
        var json = SharedOptions.Json();
        var command = new Command("xor",
            "XOR as the note tells it: (a) a single perceptron trained on the four points, which cannot get them all right; " +
            "(b) the note's hand-wired network " + HandWiredFormula + " with heaviside and with sigmoid; " +
            "(c) a 2-4-1 tanh network trained by backpropagation from a seeded random start.")
        {
            seed, json,
        };
        command.SetAction(parsed =>
        {
            uint seedValue = parsed.GetValue(seed);
            var inputs = XorNetwork.Inputs;
            var perceptron = new Perceptron(new PerceptronOptions { Seed = seedValue }).Fit(inputs, XorNetwork.Targets);
            var perceptronBits = perceptron.Predict(inputs);
            var heaviside = HandWiredOutputs(Activation.Heaviside);
            var sigmoid = HandWiredOutputs(Activation.Sigmoid);
            var trainingOptions = new XorTrainingOptions { Seed = seedValue };
            var trained = XorTraining.Train(trainingOptions);

            if (parsed.GetValue(json))
            {
                context.Output.WriteLine(Json.Line(new Dictionary<string, object?>
                {
                    ["inputs"] = Enumerable.Range(0, 4).Select(row => inputs.RowSpan(row).ToArray()).ToArray(),
                    ["targets"] = XorNetwork.Targets,
                    ["perceptron"] = new Dictionary<string, object?>
                    {
                        ["seed"] = seedValue,
                        ["weights"] = new[] { perceptron.Weights[0, 0], perceptron.Weights[0, 1] },
                        ["bias"] = perceptron.Bias[0],
                        ["epochs"] = perceptron.EpochsRun,
                        ["predictions"] = perceptronBits,
                        ["correct"] = XorNetwork.Correct(perceptronBits),
                    },
                    ["hand_wired"] = new Dictionary<string, object?>
                    {
                        ["formula"] = HandWiredFormula,
                        ["heaviside"] = OutputFields(heaviside),
                        ["sigmoid"] = OutputFields(sigmoid),
                    },
                    ["trained"] = new Dictionary<string, object?>
                    {
                        ["network"] = trained.Model.ToString(),
                        ["loss_function"] = "binary cross-entropy of sigmoid(output)",
                        ["learning_rate"] = trainingOptions.LearningRate,
                        ["momentum"] = trainingOptions.Momentum,
                        ["seed"] = trainingOptions.Seed,
                        ["steps"] = trained.Steps,
                        ["loss"] = trained.Loss,
                        ["outputs"] = trained.Outputs,
                        ["predictions"] = trained.Predictions,
                        ["correct"] = trained.Correct,
                    },
                }));
                return ExitCode.Success;
            }

            var output = context.Output;
            output.WriteLine("XOR of (0,0), (0,1), (1,0), (1,1) is 0, 1, 1, 0.");
            output.WriteLine();
            output.WriteLine($"(a) One perceptron, perceptron rule, seed {seedValue}: {XorNetwork.Correct(perceptronBits)} of 4 right after {perceptron.EpochsRun} epochs");
            output.WriteLine($"    weights {Figures.List([perceptron.Weights[0, 0], perceptron.Weights[0, 1]])}, bias {Figures.Short(perceptron.Bias[0])}, predictions {Figures.List(perceptronBits, bit => bit.ToString(CultureInfo.InvariantCulture))}");
            output.WriteLine("    No straight line has (0,1) and (1,0) on one side and (0,0) and (1,1) on the other,");
            output.WriteLine("    so a single perceptron cannot separate them: at most 3 of 4 right, whatever it learns.");
            output.WriteLine();
            output.WriteLine($"(b) The note's hand-wired network {HandWiredFormula}:");
            output.WriteLine($"    heaviside  outputs {Figures.List(heaviside, "0.####")}  {XorNetwork.Correct(XorNetwork.Bits(heaviside))} of 4 right: exactly XOR");
            output.WriteLine($"    sigmoid    outputs {Figures.List(sigmoid, "F4")}  {XorNetwork.Correct(XorNetwork.Bits(sigmoid))} of 4 right, reading each output as 1 above 0.5:");
            output.WriteLine("               larger for (0,1) and (1,0) than for (0,0) and (1,1), but weights set by hand for a step");
            output.WriteLine("               are too small for sigmoid's gentle slope to carry the outputs across 0.5");
            output.WriteLine();
            output.WriteLine($"(c) A network trained by backpropagation: {trained.Model}, sigmoid output, binary cross-entropy,");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    gradient descent at {trainingOptions.LearningRate} on all four points per step, initial weights from seed {trainingOptions.Seed}:"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {trained.Correct} of 4 right after {trained.Steps} steps, loss {trained.Loss:F4}, outputs {Figures.List(trained.Outputs, "F4")}"));
            return ExitCode.Success;
        });
        return command;
    }

    private static float[] HandWiredOutputs(Activation activation)
    {
        using var _ = Autograd.NoGradient();
        return XorNetwork.HandWired(activation).Forward(XorNetwork.Inputs).Data;
    }

    private static Dictionary<string, object?> OutputFields(float[] outputs)
    {
        var bits = XorNetwork.Bits(outputs);
        return new Dictionary<string, object?> { ["outputs"] = outputs, ["predictions"] = bits, ["correct"] = XorNetwork.Correct(bits) };
    }
}
