using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Graph;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Optimizers;
using Hebb.Serialization;
using Hebb.Tensors;
using Hebb.Tests.Support;
using static Hebb.Graph.GraphOps;

namespace Hebb.Tests.Graph;

// Inside namespace Hebb.Tests, the name Graph alone would mean this namespace.
using Graph = Hebb.Graph.Graph;

/// <summary>Each graph operation gives the value of the Hebb operation of the same meaning; names, shapes,
/// the saver and the training of a graph that is not a chain of dense layers.</summary>
public sealed class GraphOpsTests : IDisposable
{
    private static readonly Tensor Inputs = Tensor.RandomUniform(new SeededRandom(5), -1f, 1f, 4, 3);
    private static readonly int[] ClassLabels = [0, 2, 1, 2];

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void NameScopesPrefixNamesAndRepeatedNamesGetASuffix()
    {
        var graph = new Graph();
        var x = graph.Placeholder(DType.Float32, [null, 3], "X");
        GraphTensor weights, product, again;
        using (graph.NameScope("dnn"))
        using (graph.NameScope("hidden1"))
        {
            weights = graph.Variable(graph.Zeros([3, 2]), "weights");
            product = MatMul(x, weights);
            again = MatMul(x, weights);
        }
        GraphTensor ready;
        using (graph.NameScope("dnn")) ready = GraphLayers.FullyConnected(x, 2, scope: "hidden1");

        Assert.Equal(("dnn/hidden1/weights", "dnn/hidden1/MatMul", "dnn/hidden1/MatMul_1"), (weights.Name, product.Name, again.Name));
        Assert.Equal(["dnn/hidden1/weights", "hidden1/weights", "hidden1/biases"], graph.GlobalVariables.Select(v => v.Name));
        Assert.Equal("dnn_1/hidden1/relu", ready.Name);
        Assert.Equal("[?, 2]", product.ShapeString);
    }

    [Fact]
    public void OperationsGiveTheValuesOfHebbsOperations()
    {
        var (graph, x, y, w, b) = SmallGraph();
        var logits = MatMul(x, w) + b;
        var crossEntropy = SparseSoftmaxCrossEntropyWithLogits(labels: y, logits: logits);
        var fetches = new[]
        {
            logits, Relu(logits), Sigmoid(logits), Tanh(logits), Softmax(logits), crossEntropy, ReduceMean(crossEntropy),
            ReduceMean(logits, axis: 0), Cast(InTopK(logits, y, 1), DType.Float32), Cast(ArgMax(logits, axis: 1), DType.Float32),
        };
        var session = new Session(graph);
        graph.GlobalVariablesInitializer().Run(session);
        var values = session.Run(fetches, new Feed { { x, Inputs }, { y, ClassLabels } });

        using var _ = Autograd.NoGradient();
        var wValue = session.Run(w);
        var bValue = session.Run(b);
        var expectedLogits = Ops.MatMul(Inputs, wValue) + bValue;
        var expectedArgMax = Ops.ArgMax(expectedLogits, axis: 1);
        Assert.Equal(expectedLogits.Data, values[0].Data);
        Assert.Equal(Activation.Relu.Apply(expectedLogits).Data, values[1].Data);
        Assert.Equal(Activation.Sigmoid.Apply(expectedLogits).Data, values[2].Data);
        Assert.Equal(Activation.Tanh.Apply(expectedLogits).Data, values[3].Data);
        Assert.Equal(Activation.Softmax.Apply(expectedLogits).Data, values[4].Data);
        var logSoftmax = Activation.LogSoftmax.Apply(expectedLogits);
        for (int row = 0; row < ClassLabels.Length; row++)
            Assert.Equal(-logSoftmax[row, ClassLabels[row]], values[5].Data[row], 6);
        Assert.Equal(Loss.SoftmaxCrossEntropy(expectedLogits, ClassLabels).Data, values[6].Data);
        Assert.Equal(Ops.Mean(expectedLogits, 0).Data, values[7].Data);
        Assert.Equal(ClassLabels.Select((label, row) => expectedArgMax[row] == label ? 1f : 0f), values[8].Data);
        Assert.Equal(expectedArgMax.Select(index => (float)index), values[9].Data);
    }

    [Fact]
    public void AGraphThatIsNotAChainOfDenseLayersTrainsAsHebbsAutodiffByHand()
    {
        // No bias in the hidden layer: not a dense layer, so Minimize differentiates through the autodiff tape.
        var (graph, x, y, w, b) = SmallGraph();
        var hidden = graph.Variable(graph.TruncatedNormal([3, 3], stddev: 0.5f), "hidden");
        var loss = ReduceMean(SparseSoftmaxCrossEntropyWithLogits(y, MatMul(Tanh(MatMul(x, hidden)), w) + b));
        var train = new GradientDescentOptimizer(0.1f).Minimize(loss);
        var session = new Session(graph);
        graph.GlobalVariablesInitializer().Run(session);
        var start = new[] { w, b, hidden }.Select(variable => session.Run(variable)).ToArray();

        for (int step = 0; step < 3; step++) train.Run(session, new Feed { { x, Inputs }, { y, ClassLabels } });

        var parameters = start.Select((value, i) => new Parameter($"p{i}", value)).ToArray();
        var sgd = new Sgd(parameters, 0.1f);
        for (int step = 0; step < 3; step++)
        {
            sgd.ZeroGrad();
            var logits = Ops.MatMul(Activation.Tanh.Apply(Ops.MatMul(Inputs, start[2])), start[0]) + start[1];
            Loss.SoftmaxCrossEntropy(logits, ClassLabels).Backward();
            sgd.Step();
        }
        Assert.Equal(start[0].Data, session.Run(w).Data);
        Assert.Equal(start[1].Data, session.Run(b).Data);
        Assert.Equal(start[2].Data, session.Run(hidden).Data);
        Assert.NotEqual(0f, start[1].Data.Select(MathF.Abs).Sum());
    }

    [Fact]
    public void ThePerRowCrossEntropyDifferentiatesAsHebbsFusedLoss()
    {
        // ReduceMean along the axis is not the fused loss: the step goes through the per-row values' tape,
        // −Σ onehot · log softmax, whose gradient must be the fused loss's (softmax − onehot) / batch.
        float[] Step(Func<GraphTensor, GraphTensor> mean)
        {
            var (graph, x, y, w, b) = SmallGraph();
            var train = new GradientDescentOptimizer(1f).Minimize(mean(SparseSoftmaxCrossEntropyWithLogits(y, MatMul(x, w) + b)));
            var session = new Session(graph);
            graph.GlobalVariablesInitializer().Run(session);
            train.Run(session, new Feed { { x, Inputs }, { y, ClassLabels } });
            return [.. session.Run(w).Data, .. session.Run(b).Data];
        }

        var perRow = Step(crossEntropy => ReduceMean(crossEntropy, axis: 0));
        var fused = Step(crossEntropy => ReduceMean(crossEntropy));

        for (int i = 0; i < fused.Length; i++) Assert.Equal(fused[i], perRow[i], 1e-6f);
    }

    [Fact]
    public void ASavedSessionRestoresIntoANewOneWithTheVariablesNamesInTheFile()
    {
        var (graph, x, y, w, b) = SmallGraph();
        var logits = MatMul(x, w) + b;
        var train = new GradientDescentOptimizer(0.5f).Minimize(ReduceMean(SparseSoftmaxCrossEntropyWithLogits(y, logits)));
        var session = new Session(graph);
        graph.GlobalVariablesInitializer().Run(session);
        train.Run(session, new Feed { { x, Inputs }, { y, ClassLabels } });
        string path = new Saver(graph).Save(session, folder.PathOf("model.safetensors"));

        var restored = new Session(graph);
        new Saver(graph).Restore(restored, path);

        Assert.Equal(session.Run(logits, new Feed { { x, Inputs } }).Data, restored.Run(logits, new Feed { { x, Inputs } }).Data);
        Assert.Equal(["out/weights", "out/biases"], SafeTensorsFileNames(path));
        Assert.NotEqual(new float[3], session.Run(b).Data);
    }

    [Fact]
    public void ChangingAFetchedVariableLeavesTheSessionsValueAlone()
    {
        var (graph, _, _, w, _) = SmallGraph();
        var session = new Session(graph);
        graph.GlobalVariablesInitializer().Run(session);

        session.Run(w).Data[0] = 1000f;

        Assert.NotEqual(1000f, session.Run(w).Data[0]);
    }

    private static (Graph Graph, GraphTensor X, GraphTensor Y, GraphTensor W, GraphTensor B) SmallGraph()
    {
        var graph = new Graph(seed: 9);
        var x = graph.Placeholder(DType.Float32, [null, 3], "X");
        var y = graph.Placeholder(DType.Int64, [null], "y");
        using var _ = graph.NameScope("out");
        return (graph, x, y, graph.Variable(graph.TruncatedNormal([3, 3], stddev: 1f), "weights"), graph.Variable(graph.Zeros([3]), "biases"));
    }

    private static string[] SafeTensorsFileNames(string path) =>
        SafeTensorsReader.Read(path).Tensors.Select(entry => entry.Key).ToArray();
}
