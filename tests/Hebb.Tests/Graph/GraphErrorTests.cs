using Hebb.Graph;
using Hebb.Serialization;
using Hebb.Tensors;
using Hebb.Tests.Support;
using static Hebb.Graph.GraphOps;

namespace Hebb.Tests.Graph;

// Inside namespace Hebb.Tests, the name Graph alone would mean this namespace.
using Graph = Hebb.Graph.Graph;

/// <summary>Each way of running a graph wrongly is an exception naming the node and what it expected.</summary>
public sealed class GraphErrorTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly Graph graph = new();
    private readonly GraphTensor x;
    private readonly GraphTensor y;
    private readonly GraphTensor weights;
    private readonly GraphTensor logits;

    public GraphErrorTests()
    {
        x = graph.Placeholder(DType.Float32, [null, 3], "X");
        y = graph.Placeholder(DType.Int64, [null], "y");
        using (graph.NameScope("layer")) weights = graph.Variable(graph.Zeros([3, 2]), "weights");
        logits = MatMul(x, weights);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void APlaceholderLeftUnfedIsNamedWithItsTypeAndShape()
    {
        var session = Initialised();

        var error = Assert.Throws<GraphException>(() => session.Run(logits));

        Assert.Equal("X", error.NodeName);
        Assert.Equal("'X': placeholder not fed; expected float32 values of shape [?, 3] in the run's Feed", error.Message);
    }

    [Fact]
    public void AValueOfTheWrongShapeIsRefusedAsItIsFed()
    {
        var error = Assert.Throws<GraphException>(() => new Feed { { x, Tensor.Zeros(2, 4) } });

        Assert.Equal("X", error.NodeName);
        Assert.Equal("'X': expected float32 values of shape [?, 3], was fed float32 values of shape [2, 4]", error.Message);
    }

    [Fact]
    public void AValueOfTheWrongTypeIsRefusedAsItIsFed()
    {
        var floatsForLabels = Assert.Throws<GraphException>(() => new Feed { { y, Tensor.Zeros(2) } });
        var labelsForImages = Assert.Throws<GraphException>(() => new Feed { { x, new[] { 1, 2 } } });

        Assert.Equal("'y': expected int64 values of shape [?], was fed float32 values of shape [2]", floatsForLabels.Message);
        Assert.Equal("'X': expected float32 values of shape [?, 3], was fed int64 values of shape [2]", labelsForImages.Message);
    }

    [Fact]
    public void OnlyPlaceholdersAreFed()
    {
        var error = Assert.Throws<GraphException>(() => new Feed { { logits, Tensor.Zeros(1, 2) } });

        Assert.Equal("MatMul", error.NodeName);
        Assert.Contains("only placeholders are fed", error.Message);
    }

    [Fact]
    public void AVariableReadBeforeItIsInitialisedIsNamed()
    {
        var session = new Session(graph);

        var direct = Assert.Throws<GraphException>(() => session.Run(weights));
        var throughAProduct = Assert.Throws<GraphException>(() => session.Run(logits, new Feed { { x, Tensor.Zeros(1, 3) } }));

        Assert.Equal("layer/weights", direct.NodeName);
        Assert.Equal("'layer/weights': variable not initialised in this session; expected GlobalVariablesInitializer() or Saver.Restore to run before it is read", direct.Message);
        Assert.Equal("layer/weights", throughAProduct.NodeName);
    }

    [Fact]
    public void ShapesThatDoNotChainAreRefusedWhileBuilding()
    {
        var error = Assert.Throws<ArgumentException>(() => MatMul(weights, weights));

        Assert.Equal("MatMul: 'layer/weights' [3, 2] and 'layer/weights' [3, 2] do not chain; expected [m, k] and [k, n]", error.Message);
    }

    [Fact]
    public void LabelsOutsideTheClassesNameTheLossNode()
    {
        var loss = ReduceMean(SparseSoftmaxCrossEntropyWithLogits(labels: y, logits: logits), name: "loss");
        var session = Initialised();

        var error = Assert.Throws<GraphException>(() => session.Run(loss, new Feed { { x, Tensor.Zeros(1, 3) }, { y, new[] { 5 } } }));

        Assert.Equal("loss", error.NodeName);
        Assert.Contains("label 5 at row 0 is outside [0, 2)", error.Message);
    }

    [Fact]
    public void RestoringAFileThatLacksAVariableOrHoldsItInAnotherShapeNamesTheTensorAndChangesNothing()
    {
        string missing = folder.PathOf("missing.safetensors"), reshaped = folder.PathOf("reshaped.safetensors");
        SafeTensorsWriter.Write(missing, [new("other", Tensor.Zeros(3, 2))]);
        SafeTensorsWriter.Write(reshaped, [new("layer/weights", Tensor.Zeros(2, 3))]);
        var session = new Session(graph);

        var lacking = Assert.Throws<InvalidFileException>(() => new Saver(graph).Restore(session, missing));
        var wrongShape = Assert.Throws<InvalidFileException>(() => new Saver(graph).Restore(session, reshaped));

        Assert.Contains("no tensor 'layer/weights'", lacking.Message);
        Assert.Equal("tensor 'layer/weights' shape", wrongShape.Field);
        Assert.Contains("expected [3, 2], found [2, 3]", wrongShape.Message);
        Assert.Throws<GraphException>(() => session.Run(weights));
    }

    private Session Initialised()
    {
        var session = new Session(graph);
        graph.GlobalVariablesInitializer().Run(session);
        return session;
    }
}
