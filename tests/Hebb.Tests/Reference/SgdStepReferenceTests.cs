using Hebb.Activations;
using Hebb.Layers;
using Hebb.Losses;
using Hebb.Optimizers;
using Hebb.Tensors;

namespace Hebb.Tests.Reference;

/// <summary>One SGD step of a small network: loss, gradients and updated weights equal PyTorch's to 1e-5 relative.</summary>
public class SgdStepReferenceTests
{
    [Theory]
    [InlineData("sgd_step", "relu")]
    [InlineData("sgd_step_tanh", "tanh")]
    public void OneStepMatchesPyTorch(string key, string activation)
    {
        Assert.Equal(activation, Golden.At($"{key}.hidden_activation").GetString());
        var layers = new[] { "hidden1", "hidden2", "outputs" }.Select((name, i) => new Dense(
            Golden.Tensor($"{key}.initial_parameters.{name}/weights"),
            Golden.Tensor($"{key}.initial_parameters.{name}/biases"),
            i < 2 ? Activation.Parse(activation) : Activation.Identity)).ToArray();
        var model = new Sequential(layers);
        var inputs = Golden.Tensor($"{key}.x");
        var labels = Golden.Ints($"{key}.labels");
        var optimizer = new Sgd(model.Parameters, Golden.Float($"{key}.learning_rate"));

        var hidden1 = layers[0].Forward(inputs);
        Golden.AssertClose(Golden.Tensor($"{key}.hidden1_output"), hidden1.Data, "hidden1 output");
        var logits = model.Forward(inputs);
        Golden.AssertClose(Golden.Tensor($"{key}.logits"), logits.Data, "logits");
        var loss = Loss.SoftmaxCrossEntropy(logits, labels);
        Golden.AssertClose(Golden.Float($"{key}.loss"), loss.Data[0], "loss");

        optimizer.ZeroGrad();
        loss.Backward();
        foreach (var parameter in model.Parameters)
            Golden.AssertClose(Golden.Tensor($"{key}.gradients.{parameter.Name}"), parameter.Value.Grad!.Data, $"gradient of {parameter.Name}");
        optimizer.Step();
        foreach (var parameter in model.Parameters)
            Golden.AssertClose(Golden.Tensor($"{key}.parameters_after_step.{parameter.Name}"), parameter.Value.Data, parameter.Name);
    }
}
