using Hebb.Losses;

namespace Hebb.Tests.Reference;

public class LossReferenceTests
{
    [Fact]
    public void CrossEntropyMatchesPyTorch()
    {
        var logits = Golden.Tensor("losses.cross_entropy.logits");
        logits.RequiresGrad = true;
        var loss = Loss.SoftmaxCrossEntropy(logits, Golden.Ints("losses.cross_entropy.labels"));
        Golden.AssertClose(Golden.Float("losses.cross_entropy.value"), loss.Data[0], "loss");
        loss.Backward();
        Golden.AssertClose(Golden.Tensor("losses.cross_entropy.grad_logits"), logits.Grad!.Data, "gradient");
    }

    [Fact]
    public void MeanSquaredErrorMatchesPyTorch()
    {
        var prediction = Golden.Tensor("losses.mse.prediction");
        prediction.RequiresGrad = true;
        var loss = Loss.MeanSquaredError(prediction, Golden.Tensor("losses.mse.target"));
        Golden.AssertClose(Golden.Float("losses.mse.value"), loss.Data[0], "loss");
        loss.Backward();
        Golden.AssertClose(Golden.Tensor("losses.mse.grad_prediction"), prediction.Grad!.Data, "gradient");
    }

    [Theory]
    [InlineData("binary_cross_entropy_with_logits")]
    [InlineData("binary_cross_entropy_with_logits_wrong")]
    public void BinaryCrossEntropyMatchesPyTorch(string key)
    {
        var logits = Golden.Tensor($"losses.{key}.logits");
        logits.RequiresGrad = true;
        var loss = Loss.BinaryCrossEntropyWithLogits(logits, Golden.Tensor($"losses.{key}.targets"));
        Golden.AssertClose(Golden.Float($"losses.{key}.value"), loss.Data[0], "loss");
        loss.Backward();
        Golden.AssertClose(Golden.Tensor($"losses.{key}.grad_logits"), logits.Grad!.Data, "gradient");
    }
}
