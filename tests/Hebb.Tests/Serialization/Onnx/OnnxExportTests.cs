using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Serialization.Onnx;
using Hebb.Tensors;
using Hebb.Tests.Support;

namespace Hebb.Tests.Serialization.Onnx;

/// <summary>ONNX Runtime, given Hebb's export, must give Hebb's logits (within 1e-5) and classes on 1,000 inputs.</summary>
public sealed class OnnxExportTests
{
    private const int Samples = 1000;
    private const int Features = 784;

    public static TheoryData<string, int[]> Architectures()
    {
        var cases = new TheoryData<string, int[]>();
        foreach (var activation in Activation.All)
        {
            cases.Add(activation.Name, [48]);
            // Three log-softmax layers in a row drive the logits to about -140, where one float32 step is
            // 1.5e-5, wider than the absolute tolerance; one such layer keeps them within ±14.
            if (activation != Activation.LogSoftmax) cases.Add(activation.Name, [64, 32, 16]);
        }
        cases.Add("relu", [300, 100]);   // the note's network
        cases.Add("identity", []);       // logistic regression: no hidden layer
        return cases;
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void OnnxRuntimeGivesHebbsLogitsAndClasses(string activation, int[] hiddenWidths)
    {
        var model = Mlp.Create(Features, hiddenWidths, 10, Activation.Parse(activation), seed: 7);
        RandomizeBiases(model, seed: 8);
        AssertSameAsOnnxRuntime(model);
    }

    [Theory]
    [InlineData("relu", true, 0.3f)]
    [InlineData("tanh", true, 0f)]
    [InlineData("elu", false, 0.5f)]
    [InlineData("sigmoid", true, 0.1f)]
    public void WithBatchNormAndDropoutOnnxRuntimeGivesHebbsEvaluationLogits(string activation, bool batchNorm, float dropout)
    {
        var model = Mlp.Create(Features, [64, 32], 10, Activation.Parse(activation), seed: 16, dropout: dropout, batchNorm: batchNorm);
        RandomizeBiases(model, seed: 17);
        RandomizeStatistics(model, seed: 18);
        AssertSameAsOnnxRuntime(model);
        Assert.Equal(model.Layers.Count(layer => layer is BatchNorm), OnnxExport.ToProto(model, false).Graph.Node.Count(node => node.OpType == "BatchNormalization"));
        Assert.DoesNotContain(OnnxExport.ToProto(model, false).Graph.Node, node => node.OpType == "Dropout");
    }

    [Fact]
    public void BatchNormalizationCarriesTheRunningStatisticsAndHebbsEpsilon()
    {
        var model = Mlp.Create(Features, [8], 10, Activation.Relu, seed: 19, dropout: 0.2f, batchNorm: true);
        var graph = OnnxExport.ToProto(model, false).Graph;
        Assert.Equal(["hidden1/Gemm", "hidden1_batch_norm/BatchNormalization", "hidden1_batch_norm/Relu", "outputs/Gemm"], graph.Node.Select(node => node.Name));
        var norm = graph.Node[1];
        Assert.Equal(["hidden1/outputs", "hidden1_batch_norm/gamma", "hidden1_batch_norm/beta", "hidden1_batch_norm/running_mean", "hidden1_batch_norm/running_var"], norm.Input);
        Assert.Equal(1e-5f, Assert.Single(norm.Attribute).F);
        // The dropout layer between the activation and the logits is gone; the next layer reads the activation.
        Assert.Equal("hidden1_batch_norm/outputs", graph.Node[3].Input[0]);
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("softmax")]
    [InlineData("heaviside")]
    public void AnOutputLayerWithAnActivationIsExportedWithIt(string activation)
    {
        var random = new SeededRandom(9);
        var model = new Sequential(new Dense(Features, 20, Activation.Tanh, random), new Dense(20, 5, Activation.Parse(activation), random));
        RandomizeBiases(model, seed: 10);
        AssertSameAsOnnxRuntime(model);
    }

    [Fact]
    public void TheGraphIsNamedFromHebbsScopesWithASymbolicBatch()
    {
        var proto = OnnxExport.ToProto(Mlp.Note(), withProbabilities: true);
        Assert.Equal(OnnxExport.Opset, Assert.Single(proto.OpsetImport).Version);
        Assert.True(OnnxExport.Opset >= 13);
        Assert.Equal(["hidden1/Gemm", "hidden1/Relu", "hidden2/Gemm", "hidden2/Relu", "outputs/Gemm", "probabilities/Softmax"],
            proto.Graph.Node.Select(node => node.Name));
        Assert.Equal(["hidden1/weights", "hidden1/biases", "hidden2/weights", "hidden2/biases", "outputs/weights", "outputs/biases"],
            proto.Graph.Initializer.Select(tensor => tensor.Name));
        Assert.Equal([784L, 300L], proto.Graph.Initializer[0].Dims);
        var input = Assert.Single(proto.Graph.Input);
        Assert.Equal("inputs", input.Name);
        Assert.Equal("batch", input.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(784, input.Type.TensorType.Shape.Dim[1].DimValue);
        Assert.Equal(["logits", "probabilities"], proto.Graph.Output.Select(output => output.Name));
    }

    [Fact]
    public void ProbabilitiesAreTheSoftmaxOfTheLogits()
    {
        var model = Mlp.Create(Features, [32], 10, Activation.Relu, seed: 11);
        var inputs = Inputs(seed: 12);
        var outputs = OnnxRuntimeSession.Run(OnnxExport.ToBytes(model, withProbabilities: true), OnnxExport.InputName, inputs.Data, Samples);
        var expected = new float[outputs["logits"].Length];
        Activation.Softmax.Forward(outputs["logits"], expected, 10);
        AssertClose(expected, outputs["probabilities"], 1e-6f);
    }

    [Fact]
    public void SaveWritesTheFileThatOnnxRuntimeReads()
    {
        using var folder = new TemporaryFolder();
        var model = Mlp.Create(Features, [16], 10, Activation.Elu, seed: 13);
        string path = folder.PathOf("model.onnx");
        OnnxExport.Save(model, path);
        Assert.Equal(OnnxExport.ToBytes(model), File.ReadAllBytes(path));
        Assert.Equal(["model.onnx"], folder.FileNames());
    }

    [Fact]
    public void ExportThenImportGivesBackTheSameLayers()
    {
        var model = Mlp.Create(Features, [24, 12], 10, Activation.LeakyRelu, seed: 14);
        RandomizeBiases(model, seed: 15);
        using var folder = new TemporaryFolder();
        string path = folder.PathOf("model.onnx");
        OnnxExport.Save(model, path, withProbabilities: true);
        var imported = OnnxImport.Load(path).Model;
        Assert.Equal(model.ToString(), imported.ToString());
        foreach (var (original, read) in model.Parameters.Zip(imported.Parameters))
        {
            Assert.Equal(original.Name, read.Name);
            Assert.Equal(original.Value.Data, read.Value.Data);
        }
    }

    [Fact]
    public void BatchNormalizationComesBackFromItsExportWithItsStatistics()
    {
        var model = Mlp.Create(Features, [24, 12], 10, Activation.Relu, seed: 20, dropout: 0.25f, batchNorm: true);
        RandomizeStatistics(model, seed: 21);
        using var folder = new TemporaryFolder();
        string path = folder.PathOf("model.onnx");
        OnnxExport.Save(model, path);
        var imported = OnnxImport.Load(path).Model;
        // Dropout, the identity in evaluation, was left out of the file.
        Assert.Equal(new Sequential([.. model.Layers.Where(layer => layer is not Dropout)]).ToString(), imported.ToString());
        Assert.Equal(model.Parameters.Select(p => (p.Name, p.Value.Data)), imported.Parameters.Select(p => (p.Name, p.Value.Data)));
        Assert.Equal(model.Buffers.Select(b => (b.Key, b.Value.Data)), imported.Buffers.Select(b => (b.Key, b.Value.Data)));
    }

    private static void AssertSameAsOnnxRuntime(Sequential model)
    {
        var inputs = Inputs(seed: 1);
        Tensor logits;
        model.IsTraining = false;
        using (Autograd.NoGradient()) logits = model.Forward(inputs);
        model.IsTraining = true;
        var outputs = OnnxRuntimeSession.Run(OnnxExport.ToBytes(model), OnnxExport.InputName, inputs.Data, Samples);
        var onnxLogits = outputs[OnnxExport.LogitsName];
        AssertClose(logits.Data, onnxLogits, 1e-5f);
        int classes = logits.Shape[1];
        Assert.Equal(model.Predict(inputs), Enumerable.Range(0, Samples).Select(row => ArgMax(onnxLogits.AsSpan(row * classes, classes))));
    }

    // Digits as a model sees them, so that the logits have the sizes of a real model's; the tolerance is absolute.
    private static Tensor Inputs(ulong seed)
    {
        var digits = MnistData.LoadBuiltInSample().Test;
        var indices = Enumerable.Range(0, digits.Count).ToArray();
        new SeededRandom(seed).Shuffle(indices.AsSpan());
        var features = Tensor.Zeros(Samples, Features);
        digits.FillFeatures(indices.AsSpan(0, Samples), features.Data);
        return features;
    }

    // Hebb starts biases at zero; other values check that the export carries them.
    private static void RandomizeBiases(Sequential model, ulong seed)
    {
        var random = new SeededRandom(seed);
        foreach (var layer in model.Layers.OfType<Dense>())
            for (int i = 0; i < layer.Biases.Length; i++) layer.Biases.Data[i] = (float)(random.NextDouble() - 0.5);
    }

    // Fresh statistics (mean 0, variance 1, γ 1, β 0) would let a wrong wiring of them pass.
    internal static void RandomizeStatistics(Sequential model, ulong seed)
    {
        var random = new SeededRandom(seed);
        foreach (var norm in model.Layers.OfType<BatchNorm>())
            for (int i = 0; i < norm.Features; i++)
            {
                norm.Gamma.Data[i] = (float)(0.5 + random.NextDouble());
                norm.Beta.Data[i] = (float)(random.NextDouble() - 0.5);
                norm.RunningMean.Data[i] = (float)(random.NextDouble() - 0.5);
                norm.RunningVariance.Data[i] = (float)(0.25 + random.NextDouble());
            }
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++) if (row[i] > row[best]) best = i;
        return best;
    }

    internal static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        int worst = 0;
        for (int i = 1; i < expected.Length; i++)
            if (Difference(expected, actual, i) > Difference(expected, actual, worst)) worst = i;
        Assert.True(Difference(expected, actual, worst) <= tolerance,
            $"element {worst}: expected {expected[worst]}, found {actual[worst]} (difference {Difference(expected, actual, worst)} > {tolerance})");
    }

    private static float Difference(float[] expected, float[] actual, int i) =>
        float.IsNaN(expected[i]) && float.IsNaN(actual[i]) ? 0f : MathF.Abs(expected[i] - actual[i]);
}
