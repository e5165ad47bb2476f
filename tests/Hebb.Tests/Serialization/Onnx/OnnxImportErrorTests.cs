using Google.Protobuf;
using Hebb.Serialization.Onnx;
using Hebb.Tests.Support;
using Onnx;

namespace Hebb.Tests.Serialization.Onnx;

/// <summary>What the import refuses, each with one line naming the file, the node or field, and what was expected.</summary>
public sealed class OnnxImportErrorTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AnUnsupportedOperatorIsNamedWithItsNode()
    {
        var error = Refused(OnnxImportTests.PathOf("unsupported_conv.onnx"));
        Assert.Contains("node '/0/Constant' (Constant): unsupported operator", error.Message);
    }

    [Fact]
    public void AGraphThatIsNotAChainIsNamedWithTheNodeThatBranches()
    {
        var error = Refused(OnnxImportTests.PathOf("not_a_chain.onnx"));
        Assert.Contains("node '/0/Add' (Add): expected one input, the output '/0/Relu_output_0' of the node before it", error.Message);
    }

    [Fact]
    public void BatchNormalizationWithAnotherEpsilonIsRefused()
    {
        var model = Model("gemm_batchnorm_dropout.onnx");
        var norm = model.Graph.Node.First(node => node.OpType == "BatchNormalization");
        norm.Attribute.First(attribute => attribute.Name == "epsilon").F = 1e-3f;
        var error = Refused(Write("epsilon.onnx", model));
        Assert.Contains($"node '{norm.Name}' (BatchNormalization) attribute 'epsilon': expected 1E-05", error.Message);
    }

    [Fact]
    public void BatchNormalizationStatisticsOfTheWrongWidthAreRefused()
    {
        var model = Model("gemm_batchnorm_dropout.onnx");
        var norm = model.Graph.Node.First(node => node.OpType == "BatchNormalization");
        var mean = model.Graph.Initializer.First(tensor => tensor.Name == norm.Input[3]);
        mean.Dims[0] = 8;
        mean.RawData = ByteString.CopyFrom(mean.RawData.Span[..32]);
        var error = Refused(Write("width.onnx", model));
        Assert.Contains($"node '{norm.Name}' (BatchNormalization) input input_mean: expected shape [16], the width that reaches it, found [8]", error.Message);
    }

    [Fact]
    public void ATruncatedFileIsNotAModel()
    {
        var bytes = File.ReadAllBytes(OnnxImportTests.PathOf("mnist_relu.onnx"));
        var error = Refused(Write("truncated.onnx", bytes[..(bytes.Length / 2)]));
        Assert.Contains(": model: expected an ONNX model", error.Message);
    }

    [Fact]
    public void RandomBytesAreNotAModel()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        Assert.Contains(": model: expected an ONNX model", Refused(Write("random.onnx", bytes)).Message);
    }

    [Fact]
    public void WeightsShorterThanTheirShapeAreRefusedBeforeTheyAreRead()
    {
        var model = Model("gemm_relu_tanh.onnx");
        model.Graph.Initializer[0].RawData = ByteString.CopyFrom(model.Graph.Initializer[0].RawData.Span[..12]);
        var error = Refused(Write("short.onnx", model));
        Assert.Contains($"initializer '{model.Graph.Initializer[0].Name}' raw_data: expected 1280 bytes for shape [16, 20], found 12", error.Message);
    }

    [Fact]
    public void AShapeTooLargeForMemoryIsRefused()
    {
        var model = Model("gemm_relu_tanh.onnx");
        model.Graph.Initializer[0].Dims[0] = 1L << 40;
        Assert.Contains("dims[0]: expected a size that fits in memory", Refused(Write("huge.onnx", model)).Message);
    }

    [Fact]
    public void WeightsOfAnotherTypeAreRefused()
    {
        var model = Model("gemm_relu_tanh.onnx");
        model.Graph.Initializer[0].DataType = (int)TensorProto.Types.DataType.Double;
        Assert.Contains("data_type: expected 1 (float32), found 11", Refused(Write("double.onnx", model)).Message);
    }

    [Fact]
    public void WeightsThatDoNotFitTheWidthBeforeThemAreRefused()
    {
        var model = Model("matmul_add.onnx");
        var second = model.Graph.Initializer.First(tensor => tensor.Name == "2.weight");
        second.Dims[0] = 3;
        second.Dims[1] = 7;
        Assert.Contains("node '/2/MatMul' (MatMul) weights: expected 7 inputs", Refused(Write("misfit.onnx", model)).Message);
    }

    [Fact]
    public void ALeakyReluSlopeThatAModelFileCannotKeepIsRefused()
    {
        var model = Model("gemm_leaky_identity_softmax.onnx");
        model.Graph.Node.First(node => node.OpType == "LeakyRelu").Attribute[0].F = 0.2f;
        Assert.Contains("(LeakyRelu) attribute 'alpha': expected 0.01", Refused(Write("slope.onnx", model)).Message);
    }

    [Fact]
    public void TwoOutputsAreRefused()
    {
        var model = Model("addmm.onnx");
        model.Graph.Output.Add(model.Graph.Output[0].Clone());
        Assert.Contains("graph outputs: expected one output, 'output' of the last node (or the logits and their softmax), found ['output', 'output']", Refused(Write("outputs.onnx", model)).Message);
    }

    [Fact]
    public void AShapeOfVeryManyDimensionsIsRefusedAtOnce()
    {
        var model = Model("gemm_relu_tanh.onnx");
        model.Graph.Initializer[0].Dims.AddRange(Enumerable.Repeat(1L, 100_000));
        var error = Refused(Write("rank.onnx", model));
        Assert.Contains($"dims: expected at most {Hebb.Serialization.FileLimits.MaxRank} dimensions, found 100002", error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public void NamesFromTheFileAreEchoedEscaped()
    {
        var model = Model("unsupported_conv.onnx");
        model.Graph.Node[0].Name = "\u001b]0;owned\u0007" + new string('x', 1000);
        var error = Refused(Write("escape.onnx", model));
        Assert.Contains("node '\\x1b]0;owned\\x07xxx", error.Message);
        Assert.DoesNotContain(error.Message, char.IsControl);
        Assert.Contains("(1010 characters)", error.Message);
    }

    private static InvalidFileException Refused(string path)
    {
        var error = Assert.Throws<InvalidFileException>(() => OnnxImport.Load(path));
        Assert.StartsWith(path + ": ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    private static ModelProto Model(string name) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(OnnxImportTests.PathOf(name)));

    private string Write(string name, ModelProto model) => Write(name, model.ToByteArray());

    private string Write(string name, byte[] bytes)
    {
        string path = folder.PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
