using Hebb.Activations;
using Hebb.Layers;
using Hebb.Tensors;

namespace Hebb.Classics;

/// <summary>
/// The note's hand-wired multilayer perceptron for XOR, <c>act(−act(x1 + x2 − 1.5) + act(x1 + x2 − 0.5) − 0.5)</c>:
/// the first hidden unit fires for "both", the second for "at least one", and the output for "at least one
/// but not both". Its weights are set by hand; nothing is trained.
/// </summary>
public static class XorNetwork
{
    /// <summary>The four XOR inputs, one per row: (0,0), (0,1), (1,0), (1,1).</summary>
    public static Tensor Inputs => Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });

    /// <summary>XOR of each row of <see cref="Inputs"/>.</summary>
    public static int[] Targets => [0, 1, 1, 0];

    /// <summary>The hand-wired network with <paramref name="activation"/> in both layers (the note uses heaviside or sigmoid).</summary>
    public static Sequential HandWired(Activation activation) => new(
        new Dense(Tensor.FromArray(new float[,] { { 1, 1 }, { 1, 1 } }), Tensor.FromArray([-1.5f, -0.5f]), activation, "hidden1"),
        new Dense(Tensor.FromArray(new float[,] { { -1 }, { 1 } }), Tensor.FromArray([-0.5f]), activation, "outputs"));
}
