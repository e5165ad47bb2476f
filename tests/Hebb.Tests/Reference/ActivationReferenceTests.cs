using Hebb.Activations;
using Hebb.Tensors;

namespace Hebb.Tests.Reference;

public class ActivationReferenceTests
{
    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("leaky_relu")]
    [InlineData("elu")]
    public void ValuesAndDerivativesMatchPyTorch(string name)
    {
        var activation = Activation.Parse(name);
        var z = Golden.Tensor("activations.z");
        z.RequiresGrad = true;
        var output = activation.Apply(z);
        Golden.AssertClose(Golden.Tensor($"activations.{name}.value"), output.Data, $"{name} value");
        output.Backward(Tensor.Ones(z.ShapeArray()));
        var derivative = Golden.Tensor($"activations.{name}.derivative");
        Golden.AssertClose(derivative, z.Grad!.Data, $"{name} backward");
        var scalar = (ElementwiseActivation)activation;
        Golden.AssertClose(derivative, z.Data.Select(scalar.Derivative).ToArray(), $"{name} scalar derivative");
        Golden.AssertClose(Golden.Tensor($"activations.{name}.value"), z.Data.Select(scalar.Value).ToArray(), $"{name} scalar value");
    }

    [Theory]
    [InlineData("softmax", "softmax", "grad_sum_w_softmax")]
    [InlineData("log_softmax", "log_softmax", "grad_sum_w_log_softmax")]
    public void RowActivationsAndTheirGradientsMatchPyTorch(string name, string valueKey, string gradientKey)
    {
        var z = Golden.Tensor("activations.softmax.z");
        z.RequiresGrad = true;
        var output = Activation.Parse(name).Apply(z);
        Golden.AssertClose(Golden.Tensor($"activations.softmax.{valueKey}"), output.Data, name);
        output.Backward(Golden.Tensor("activations.softmax.w"));
        Golden.AssertClose(Golden.Tensor($"activations.softmax.{gradientKey}"), z.Grad!.Data, $"{name} gradient");
    }
}
