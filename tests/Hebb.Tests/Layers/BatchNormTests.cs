using System.Text.Json;
using Hebb.Activations;
using Hebb.Layers;
using Hebb.Tensors;
using Hebb.Tests.Autodiff;
using Hebb.Tests.Reference;

namespace Hebb.Tests.Layers;

/// <summary>Batch normalization against PyTorch's BatchNorm1d (made by tools/reference/make_layer_reference.py),
/// and its gradients against finite differences.</summary>
public class BatchNormTests
{
    private static readonly JsonElement Case = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "TestData", "reference", "layers.json"))).RootElement.GetProperty("batch_norm_relu");

    private static Tensor Golden(string key) => Reference.Golden.Tensor(Case.GetProperty(key));

    [Fact]
    public void TrainingForwardBackwardAndEvaluationMatchPyTorch()
    {
        var layer = new BatchNorm(Golden("gamma"), Golden("beta"), Tensor.Zeros(5), Tensor.Ones(5), Activation.Relu);
        var x = Golden("x");
        x.RequiresGrad = true;
        var y = layer.Forward(x);
        Reference.Golden.AssertClose(Golden("train_output"), y.Data, "training output");
        y.Backward(Golden("w"));
        Reference.Golden.AssertClose(Golden("x_grad"), x.Grad!.Data, "dL/dx");
        Reference.Golden.AssertClose(Golden("gamma_grad"), layer.Gamma.Grad!.Data, "dL/dgamma");
        Reference.Golden.AssertClose(Golden("beta_grad"), layer.Beta.Grad!.Data, "dL/dbeta");
        Reference.Golden.AssertClose(Golden("running_mean"), layer.RunningMean.Data, "running mean");
        Reference.Golden.AssertClose(Golden("running_var"), layer.RunningVariance.Data, "running variance");

        layer.IsTraining = false;
        Reference.Golden.AssertClose(Golden("eval_output"), layer.Forward(Golden("z")).Data, "evaluation output");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GradientsMatchFiniteDifferences(bool training)
    {
        var random = new SeededRandom(3);
        var runningMean = Tensor.RandomUniform(random, -0.5f, 0.5f, 4);
        var runningVariance = Tensor.RandomUniform(random, 0.5f, 2f, 4);
        GradientCheck.Assert(inputs =>
        {
            var layer = new BatchNorm(inputs[1], inputs[2], runningMean.Clone(), runningVariance.Clone(), Activation.Tanh) { IsTraining = training };
            return layer.Forward(inputs[0]);
        }, GradientCheck.AwayFromZero(5, 0.1f, 6, 4), Tensor.RandomUniform(random, 0.5f, 1.5f, 4), Tensor.RandomUniform(random, -0.5f, 0.5f, 4));
    }
}
