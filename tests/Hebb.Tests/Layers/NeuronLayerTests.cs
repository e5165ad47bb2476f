using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Optimizers;
using Hebb.Tensors;

namespace Hebb.Tests.Layers;

/// <summary>The note's <c>neuron_layer</c>, written by hand from tensors and operations, trains exactly
/// like the <see cref="Dense"/> version built from the same seed.</summary>
public class NeuronLayerTests
{
    private sealed record HandLayer(Tensor Weights, Tensor Biases, bool Relu);

    /// <summary>The note's function: stddev 2/√inputs, truncated normal weights, zero biases, z = X·W + b.</summary>
    private static HandLayer NeuronLayer(int inputs, int neurons, SeededRandom random, bool relu)
    {
        var weights = Tensor.TruncatedNormal(random, 0f, 2f / MathF.Sqrt(inputs), inputs, neurons);
        var biases = Tensor.Zeros(neurons);
        weights.RequiresGrad = true;
        biases.RequiresGrad = true;
        return new HandLayer(weights, biases, relu);
    }

    private static Tensor Apply(HandLayer layer, Tensor x)
    {
        var z = Ops.MatMul(x, layer.Weights) + layer.Biases;
        return layer.Relu ? Activation.Relu.Apply(z) : z;
    }

    [Fact]
    public void HandWrittenNetworkTrainsLikeTheDenseOne()
    {
        const ulong seed = 42;
        var random = new SeededRandom(seed);
        var hand = new[] { NeuronLayer(20, 12, random, true), NeuronLayer(12, 8, random, true), NeuronLayer(8, 3, random, false) };
        var dense = Mlp.Create(20, [12, 8], 3, Activation.Relu, seed);

        var data = new SeededRandom(9);
        var inputs = Tensor.RandomUniform(data, 0f, 1f, 30, 20);
        var labels = Enumerable.Range(0, 30).Select(i => i % 3).ToArray();
        var handOptimizer = new Sgd(hand.SelectMany(l => new[] { new Parameter("w", l.Weights), new Parameter("b", l.Biases) }), 0.1f);
        var denseOptimizer = new Sgd(dense.Parameters, 0.1f);

        for (int step = 0; step < 20; step++)
        {
            var handLoss = Loss.SoftmaxCrossEntropy(hand.Aggregate(inputs, (x, layer) => Apply(layer, x)), labels);
            handOptimizer.ZeroGrad();
            handLoss.Backward();
            handOptimizer.Step();

            var denseLoss = Loss.SoftmaxCrossEntropy(dense.Forward(inputs), labels);
            denseOptimizer.ZeroGrad();
            denseLoss.Backward();
            denseOptimizer.Step();
            Assert.Equal(handLoss.Data[0], denseLoss.Data[0]);
        }
        var denseLayers = dense.Layers.Cast<Dense>().ToArray();
        for (int i = 0; i < hand.Length; i++)
        {
            Assert.Equal(hand[i].Weights.Data, denseLayers[i].Weights.Data);
            Assert.Equal(hand[i].Biases.Data, denseLayers[i].Biases.Data);
        }
    }

    [Fact]
    public void ParametersAreNamedByScopeAsInTheNote()
    {
        var model = Mlp.Note();
        Assert.Equal(
            ["hidden1/weights", "hidden1/biases", "hidden2/weights", "hidden2/biases", "outputs/weights", "outputs/biases"],
            model.Parameters.Select(p => p.Name));
        Assert.Equal("Sequential(Dense(784 => 300, relu), Dense(300 => 100, relu), Dense(100 => 10))", model.ToString());
        Assert.Equal(784 * 300 + 300 + 300 * 100 + 100 + 100 * 10 + 10, model.ParameterCount);
        var weights = ((Dense)model.Layers[0]).Weights.Data;
        float limit = 2f * 2f / MathF.Sqrt(784);
        Assert.All(weights, w => Assert.InRange(w, -limit, limit));
        Assert.All(((Dense)model.Layers[0]).Biases.Data, b => Assert.Equal(0f, b));
    }
}
