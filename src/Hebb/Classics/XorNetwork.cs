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

    /// <summary>Each output read as a bit, 1 above 0.5: a sigmoid's leaning, a step's 0 or 1 as itself.</summary>
    public static int[] Bits(ReadOnlySpan<float> outputs)
    {
        var bits = new int[outputs.Length];
        for (int i = 0; i < bits.Length; i++) bits[i] = outputs[i] > 0.5f ? 1 : 0;
        return bits;
    }

    /// <summary>How many of the four <see cref="Targets"/> <paramref name="bits"/> gets right.</summary>
    public static int Correct(IReadOnlyList<int> bits) => bits.Count == 4
        ? Targets.Where((target, i) => bits[i] == target).Count()
        : throw new ArgumentException($"XorNetwork.Correct: {bits.Count} bits; expected one for each of the 4 inputs", nameof(bits));

    /// <summary>The hand-wired network with <paramref name="activation"/> in both layers (the note uses heaviside or sigmoid).</summary>
    public static Sequential HandWired(Activation activation) => new(
        new Dense(Tensor.FromArray(new float[,] { { 1, 1 }, { 1, 1 } }), Tensor.FromArray([-1.5f, -0.5f]), activation, "hidden1"),
        new Dense(Tensor.FromArray(new float[,] { { -1 }, { 1 } }), Tensor.FromArray([-0.5f]), activation, "outputs"));
}
