using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Graph;
using Hebb.Tensors;
using static Hebb.Graph.GraphOps;
using static System.FormattableString;

namespace Hebb.Examples;

// Inside namespace Hebb, the name Graph alone would mean the namespace Hebb.Graph.
using Graph = Hebb.Graph.Graph;

/// <summary>
/// The note's TensorFlow 1.x MNIST program, statement by statement, with Hebb's graph API: the construction
/// phase (placeholders, <c>neuron_layer</c> or <c>fully_connected</c> in name scopes, the loss, gradient descent,
/// <c>in_top_k</c>, the initialiser and a saver), the execution phase (mini-batches of 50, the train and test
/// accuracy per epoch, a checkpoint), then a new session that restores it and predicts the first 20 test images.
/// </summary>
public static class NoteTensorFlow
{
    /// <summary>What the construction phase builds, for the execution phase (and tests) to use.</summary>
    public sealed record Construction(Graph Graph, GraphTensor X, GraphTensor Y, GraphTensor Logits, GraphTensor Loss,
        GraphOperation TrainingOp, GraphTensor Accuracy, GraphOperation Init, Saver Saver);

    /// <summary>The note's <c>neuron_layer</c>.</summary>
    public static GraphTensor NeuronLayer(GraphTensor X, int nNeurons, string name, string? activation = null)
    {
        var graph = X.Graph;
        using (graph.NameScope(name))
        {
            int nInputs = X.Shape[1]!.Value;
            float stddev = 2f / MathF.Sqrt(nInputs);
            var init = graph.TruncatedNormal([nInputs, nNeurons], stddev: stddev);
            var W = graph.Variable(init, name: "weights");
            var b = graph.Variable(graph.Zeros([nNeurons]), name: "biases");
            var z = MatMul(X, W) + b;
            if (activation == "relu")
                return Relu(z);
            else
                return z;
        }
    }

    /// <summary>The construction phase; <paramref name="fullyConnected"/> picks the note's second version of the
    /// network, built from <c>fully_connected</c> rather than <c>neuron_layer</c>.</summary>
    public static Construction Build(bool fullyConnected = false, ulong seed = 42)
    {
        var graph = new Graph(seed);
        const int nInputs = 28 * 28;
        const int nHidden1 = 300;
        const int nHidden2 = 100;
        const int nOutputs = 10;
        var X = graph.Placeholder(DType.Float32, shape: [null, nInputs], name: "X");
        var y = graph.Placeholder(DType.Int64, shape: [null], name: "y");

        GraphTensor logits;
        using (graph.NameScope("dnn"))
        {
            if (!fullyConnected)
            {
                var hidden1 = NeuronLayer(X, nHidden1, "hidden1", activation: "relu");
                var hidden2 = NeuronLayer(hidden1, nHidden2, "hidden2", activation: "relu");
                logits = NeuronLayer(hidden2, nOutputs, "outputs");
            }
            else
            {
                var hidden1 = GraphLayers.FullyConnected(X, nHidden1, scope: "hidden1");
                var hidden2 = GraphLayers.FullyConnected(hidden1, nHidden2, scope: "hidden2");
                logits = GraphLayers.FullyConnected(hidden2, nOutputs, scope: "outputs", activation: Activation.Identity);
            }
        }

        GraphTensor loss;
        using (graph.NameScope("loss"))
        {
            var xentropy = SparseSoftmaxCrossEntropyWithLogits(labels: y, logits: logits);
            loss = ReduceMean(xentropy, name: "loss");
        }
        const float learningRate = 0.01f;
        GraphOperation trainingOp;
        using (graph.NameScope("train"))
        {
            var optimizer = new GradientDescentOptimizer(learningRate);
            trainingOp = optimizer.Minimize(loss);
        }
        GraphTensor accuracy;
        using (graph.NameScope("eval"))
        {
            var correct = InTopK(logits, y, 1);
            accuracy = ReduceMean(Cast(correct, DType.Float32));
        }
        var init = graph.GlobalVariablesInitializer();
        var saver = new Saver(graph);
        return new Construction(graph, X, y, logits, loss, trainingOp, accuracy, init, saver);
    }

    /// <param name="output">Where the note's lines are printed.</param>
    /// <param name="epochs">The note's <c>n_epochs</c> (400 in the note).</param>
    /// <param name="dataFolder">A folder of the four MNIST IDX files; the built-in sample when null.</param>
    /// <param name="trainExamples">Train on the first this many training images only (all when null).</param>
    /// <param name="savePath">The checkpoint written after training and read back to predict.</param>
    /// <param name="fullyConnected">Build the network from <c>fully_connected</c>.</param>
    public static void Run(TextWriter output, int epochs, string? dataFolder = null, int? trainExamples = null,
        string savePath = "my_model_final.safetensors", bool fullyConnected = false)
    {
        var (_, X, y, logits, _, trainingOp, accuracy, init, saver) = Build(fullyConnected);

        // Execution phase
        var mnist = InputData.ReadDataSets(dataFolder);
        if (trainExamples is int count) mnist = mnist with { Train = new MnistDataSet(mnist.Train.Data.Slice(0, count)) };
        int nEpochs = epochs;
        const int batchSize = 50;
        var sess = new Session(X.Graph);
        init.Run(sess);
        for (int epoch = 0; epoch < nEpochs; epoch++)
        {
            Tensor XBatch = null!;
            int[] yBatch = null!;
            for (int iteration = 0; iteration < mnist.Train.NumExamples / batchSize; iteration++)
            {
                (XBatch, yBatch) = mnist.Train.NextBatch(batchSize);
                sess.Run(trainingOp, new Feed { { X, XBatch }, { y, yBatch } });
            }
            float accTrain = accuracy.EvalScalar(sess, new Feed { { X, XBatch }, { y, yBatch } });
            float accTest = accuracy.EvalScalar(sess, new Feed { { X, mnist.Test.Images }, { y, mnist.Test.Labels } });
            output.WriteLine(Invariant($"{epoch} Train accuracy: {accTrain:F4} Test accuracy: {accTest:F4}"));
        }
        string savedPath = saver.Save(sess, savePath);
        output.WriteLine($"saved {savedPath}");

        // Later: a new session restores the checkpoint and predicts.
        var restored = new Session(X.Graph);
        saver.Restore(restored, savedPath);
        var XNewScaled = mnist.Test.Data.Features(0, 20);
        var Z = logits.Eval(restored, new Feed { { X, XNewScaled } });
        int[] yPred = Ops.ArgMax(Z, axis: 1);
        output.WriteLine($"Predicted classes: {string.Join(" ", yPred)}");
        output.WriteLine($"Actual classes:    {string.Join(" ", mnist.Test.Data.LabelArray(0, 20))}");
    }
}
