using Hebb.Activations;
using Hebb.Initializers;
using Hebb.Tensors;

namespace Hebb.Layers;

/// <summary>Multilayer perceptrons of the note's shape: dense hidden layers with one activation, then
/// a dense layer of logits (softmax is left to the loss, as in the note).</summary>
public static class Mlp
{
    /// <summary>The note's MNIST network: 784 → 300 ReLU → 100 ReLU → 10 logits.</summary>
    public static Sequential Note(ulong seed = 42) => Create(784, [300, 100], 10, Activation.Relu, seed);

    public static Sequential Create(int inputs, IReadOnlyList<int> hiddenWidths, int outputs, Activation hiddenActivation, ulong seed, Initializer? initializer = null)
    {
        var random = new SeededRandom(seed);
        var layers = new List<Layer>();
        int width = inputs;
        foreach (var hidden in hiddenWidths)
        {
            layers.Add(new Dense(width, hidden, hiddenActivation, random, initializer));
            width = hidden;
        }
        layers.Add(new Dense(width, outputs, Activation.Identity, random, initializer));
        return new Sequential([.. layers]);
    }
}
