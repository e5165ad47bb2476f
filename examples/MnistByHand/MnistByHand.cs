using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Metrics;
using Hebb.Optimizers;
using Hebb.Tensors;
using static System.FormattableString;

namespace Hebb.Examples;

/// <summary>
/// Blocks 9, 11 and 12 of the note: the MNIST network built by hand with <c>neuron_layer</c> (784 → 300 ReLU →
/// 100 ReLU → 10 logits in the scopes hidden1, hidden2 and outputs), mean softmax cross-entropy, gradient descent
/// at 0.01 on mini-batches of 50, and per epoch the accuracy on the last batch and on the test set.
/// </summary>
public static class MnistByHand
{
    /// <summary>The note's <c>neuron_layer</c>: its weights and biases, under its scope's name.</summary>
    public sealed record NeuronLayer(Parameter Weights, Parameter Biases, bool Relu)
    {
        /// <summary>Weights from a truncated normal with stddev 2/√inputs ("training converges faster"), biases zero.</summary>
        public static NeuronLayer Create(int inputs, int neurons, string name, bool relu, SeededRandom random) => new(
            new Parameter($"{name}/weights", Tensor.TruncatedNormal(random, 0f, 2f / MathF.Sqrt(inputs), inputs, neurons)),
            new Parameter($"{name}/biases", Tensor.Zeros(neurons)),
            relu);

        /// <summary>z = X·W + b, then ReLU if the layer has it.</summary>
        public Tensor Apply(Tensor x)
        {
            var z = Ops.MatMul(x, Weights.Value) + Biases.Value;
            return Relu ? Activation.Relu.Apply(z) : z;
        }
    }

    /// <param name="trainSamples">Train on the first this many training images only (all when null).</param>
    public static void Run(TextWriter output, int epochs, int? trainSamples = null)
    {
        var (train, test, _) = MnistData.LoadBuiltInSample();
        if (trainSamples is int count) train = train.Slice(0, count);

        var random = new SeededRandom(42);
        NeuronLayer[] dnn =
        [
            NeuronLayer.Create(784, 300, "hidden1", relu: true, random),
            NeuronLayer.Create(300, 100, "hidden2", relu: true, random),
            NeuronLayer.Create(100, 10, "outputs", relu: false, random),
        ];
        Tensor Logits(Tensor x) => dnn.Aggregate(x, (input, layer) => layer.Apply(input));
        var optimizer = new Sgd(dnn.SelectMany(layer => new[] { layer.Weights, layer.Biases }), learningRate: 0.01f);
        output.WriteLine($"parameters: {string.Join(", ", optimizer.Parameters)}");

        const int batchSize = 50;
        var batches = new BatchSampler(train.Count, batchSize, new SeededRandom(42));
        var testImages = test.Features(0, test.Count);
        var testLabels = test.LabelArray(0, test.Count);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            batches.StartEpoch();
            double lastBatchAccuracy = 0;
            for (int batch = 0; batch < batches.BatchCount; batch++)
            {
                var indices = batches.Batch(batch);
                var images = new Tensor(new float[indices.Length * train.FeatureCount], indices.Length, train.FeatureCount);
                var labels = new int[indices.Length];
                train.FillFeatures(indices, images.Data);
                train.FillLabels(indices, labels);

                var logits = Logits(images);
                var loss = Loss.SoftmaxCrossEntropy(logits, labels);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
                lastBatchAccuracy = Accuracy.Top1(logits, labels);
            }
            double testAccuracy;
            using (Autograd.NoGradient()) testAccuracy = Accuracy.Top1(Logits(testImages), testLabels);
            output.WriteLine(Invariant($"{epoch} Train accuracy: {lastBatchAccuracy:F4} Test accuracy: {testAccuracy:F4}"));
        }
    }
}
