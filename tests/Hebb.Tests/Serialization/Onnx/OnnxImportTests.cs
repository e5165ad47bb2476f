using System.Text.Json;
using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Serialization;
using Hebb.Serialization.Onnx;
using Hebb.Tensors;
using Hebb.Tests.Support;

namespace Hebb.Tests.Serialization.Onnx;

/// <summary>
/// Models exported by PyTorch 1.13's <c>torch.onnx.export</c>, read by Hebb, must give PyTorch's outputs for
/// the same inputs (files and figures from <c>tools/reference/make_onnx_reference.py</c>).
/// </summary>
public sealed class OnnxImportTests
{
    public static TheoryData<string, string> Models() => new()
    {
        { "gemm_relu_tanh", "Sequential(Dense(20 => 16, relu), Dense(16 => 8, tanh), Dense(8 => 4))" },
        { "gemm_sigmoid_elu", "Sequential(Dense(12 => 10, sigmoid), Dense(10 => 6, elu), Dense(6 => 3))" },
        { "gemm_leaky_identity_softmax", "Sequential(Dense(10 => 8, leaky_relu), Dense(8 => 8), Dense(8 => 5))" },
        { "matmul_add", "Sequential(Dense(9 => 7, relu), Dense(7 => 3))" },
        { "addmm", "Sequential(Dense(6 => 5, tanh), Dense(5 => 2))" },
        { "mnist_relu", "Sequential(Dense(784 => 32, relu), Dense(32 => 10))" },
        { "gemm_batchnorm_dropout", "Sequential(Dense(20 => 16), BatchNorm(16, relu), Dense(16 => 8), BatchNorm(8, tanh), Dense(8 => 4))" },
        { "batchnorm_first", "Sequential(BatchNorm(12), Dense(12 => 6, elu), Dense(6 => 3))" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void TheImportedModelGivesPyTorchsOutputs(string name, string architecture)
    {
        var imported = OnnxImport.Load(PathOf($"{name}.onnx"));
        Assert.Equal(architecture, imported.Model.ToString());
        var (inputs, expected) = Reference(name);
        float[] outputs;
        // PyTorch ran the model in eval(): batch normalization by its running statistics.
        imported.Model.IsTraining = false;
        using (Autograd.NoGradient()) outputs = imported.Model.Forward(inputs).Data;
        // The softmax PyTorch's graph ended in is left to the loss, as Hebb's models leave it.
        if (imported.DroppedOutputNode is not null)
        {
            Assert.Equal("node '/6/Softmax' (Softmax)", imported.DroppedOutputNode);
            Activation.Softmax.Forward(outputs.ToArray(), outputs, expected.Shape[1]);
        }
        OnnxExportTests.AssertClose(expected.Data, outputs, 1e-5f);
        Assert.Equal(Ops.ArgMax(expected, axis: 1), imported.Model.Predict(inputs));
    }

    [Fact]
    public void TheImportedModelIsSavedAsAModelFileThatLoadsAndPredictsTheSame()
    {
        using var folder = new TemporaryFolder();
        var imported = OnnxImport.Load(PathOf("mnist_relu.onnx"));
        string path = folder.PathOf("imported.safetensors");
        imported.Save(path);
        var saved = ModelFile.Load(path);
        var (inputs, expected) = Reference("mnist_relu");
        Assert.Equal(Ops.ArgMax(expected, axis: 1), saved.Model.Predict(inputs));
        Assert.Contains("mnist_relu.onnx", saved.Metadata[ModelFile.DatasetKey]);
    }

    [Fact]
    public void TheImportedModelTrainsFurther()
    {
        var model = OnnxImport.Load(PathOf("mnist_relu.onnx")).Model;
        var (inputs, expected) = Reference("mnist_relu");
        // PyTorch's own classes as labels: a few steps of SGD must lower the loss on them.
        var labels = Ops.ArgMax(expected, axis: 1);
        float first = TrainingStep(model, inputs, labels);
        float last = first;
        for (int step = 0; step < 20; step++) last = TrainingStep(model, inputs, labels);
        Assert.True(last < first * 0.9f, $"loss {first} -> {last}");
    }

    private static float TrainingStep(Hebb.Layers.Sequential model, Tensor inputs, int[] labels)
    {
        model.ZeroGrad();
        var loss = Hebb.Losses.Loss.SoftmaxCrossEntropy(model.Forward(inputs), labels);
        loss.Backward();
        new Hebb.Optimizers.Sgd(model.Parameters, 0.05f).Step();
        return loss.Data[0];
    }

    internal static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "TestData", "onnx", fileName);

    private static (Tensor Inputs, Tensor Outputs) Reference(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(PathOf($"{name}.json")));
        return (Matrix(json.RootElement.GetProperty("inputs")), Matrix(json.RootElement.GetProperty("outputs")));
    }

    private static Tensor Matrix(JsonElement rows)
    {
        var values = rows.EnumerateArray().Select(row => row.EnumerateArray().Select(value => value.GetSingle()).ToArray()).ToArray();
        return Tensor.FromArray(values.SelectMany(row => row).ToArray(), values.Length, values[0].Length);
    }
}
