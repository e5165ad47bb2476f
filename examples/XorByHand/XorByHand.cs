using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Classics;
using static System.FormattableString;

namespace Hebb.Examples;

/// <summary>
/// Block 4 of the note: a single perceptron cannot learn XOR, a two-layer perceptron can. The note's
/// <c>mlp_xor</c> with hand-set weights, written as a function and as a network of Hebb layers, with heaviside
/// and with sigmoid; then a network that finds its own weights by backpropagation.
/// </summary>
public static class XorByHand
{
    private static readonly ElementwiseActivation Heaviside = (ElementwiseActivation)Activation.Heaviside;
    private static readonly ElementwiseActivation Sigmoid = (ElementwiseActivation)Activation.Sigmoid;

    /// <summary>The note's <c>mlp_xor(x1, x2, activation)</c>.</summary>
    public static float MlpXor(float x1, float x2, Func<float, float> activation) =>
        activation(-activation(x1 + x2 - 1.5f) + activation(x1 + x2 - 0.5f) - 0.5f);

    public static void Run(TextWriter output)
    {
        float[] stepNetwork, sigmoidNetwork;
        using (Autograd.NoGradient())
        {
            stepNetwork = XorNetwork.HandWired(Activation.Heaviside).Forward(XorNetwork.Inputs).Data;
            sigmoidNetwork = XorNetwork.HandWired(Activation.Sigmoid).Forward(XorNetwork.Inputs).Data;
        }

        output.WriteLine("x1 x2  xor  mlp_xor(heaviside)  network(heaviside)  mlp_xor(sigmoid)  network(sigmoid)");
        for (int row = 0; row < 4; row++)
        {
            float x1 = XorNetwork.Inputs[row, 0], x2 = XorNetwork.Inputs[row, 1];
            output.WriteLine(Invariant(
                $"{x1,2} {x2,2}  {XorNetwork.Targets[row],3}  {MlpXor(x1, x2, Heaviside.Value),18}  {stepNetwork[row],18}  {MlpXor(x1, x2, Sigmoid.Value),16:F4}  {sigmoidNetwork[row],16:F4}"));
        }

        var perceptron = new Perceptron(new PerceptronOptions { Seed = 42 }).Fit(XorNetwork.Inputs, XorNetwork.Targets);
        output.WriteLine($"a single perceptron: {XorNetwork.Correct(perceptron.Predict(XorNetwork.Inputs))} of 4 right");

        var trained = XorTraining.Train(new XorTrainingOptions { Seed = 42 });
        output.WriteLine(Invariant($"{trained.Model} trained by backpropagation: {trained.Correct} of 4 right after {trained.Steps} steps"));
    }
}
