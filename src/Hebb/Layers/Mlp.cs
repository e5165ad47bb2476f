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

    /// <summary>
    /// <paramref name="inputs"/> → each of <paramref name="hiddenWidths"/> → <paramref name="outputs"/> logits, weights
    /// drawn from <paramref name="seed"/>. With <paramref name="batchNorm"/>, batch normalization comes between each
    /// hidden layer's product and its activation (Dense(…) then BatchNorm(…, activation)); with a
    /// <paramref name="dropout"/> rate above zero, dropout follows every hidden activation. The dropout masks have
    /// a stream of their own, one generator per layer, so that adding dropout does not change the initial weights.
    /// </summary>
    public static Sequential Create(int inputs, IReadOnlyList<int> hiddenWidths, int outputs, Activation hiddenActivation, ulong seed,
        Initializer? initializer = null, float dropout = 0f, bool batchNorm = false)
    {
        var random = new SeededRandom(seed);
        var maskSeeds = new SeededRandom(seed ^ 0xD40_9047UL);
        var layers = new List<Layer>();
        int width = inputs;
        foreach (var hidden in hiddenWidths)
        {
            layers.Add(new Dense(width, hidden, batchNorm ? Activation.Identity : hiddenActivation, random, initializer));
            if (batchNorm) layers.Add(new BatchNorm(hidden, hiddenActivation));
            if (dropout > 0f) layers.Add(new Dropout(dropout, new SeededRandom(maskSeeds.NextUInt64())));
            width = hidden;
        }
        layers.Add(new Dense(width, outputs, Activation.Identity, random, initializer));
        return new Sequential([.. layers]);
    }
}
