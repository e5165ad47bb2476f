using Hebb.Activations;
using Hebb.Classics;

namespace Hebb.Tests.Classics;

public class XorNetworkTests
{
    [Fact]
    public void WithHeavisideItIsExactlyXor()
    {
        var outputs = XorNetwork.HandWired(Activation.Heaviside).Forward(XorNetwork.Inputs);
        Assert.Equal(XorNetwork.Targets.Select(t => (float)t), outputs.Data);
    }

    [Fact]
    public void WithSigmoidItLeansTheRightWayButIsNotExact()
    {
        var outputs = XorNetwork.HandWired(Activation.Sigmoid).Forward(XorNetwork.Inputs).Data;
        // sigmoid(−σ(−1.5) + σ(−0.5) − 0.5) for (0,0), computed by hand: σ(−0.5 − 0.1824 + 0.3775) = σ(−0.3049).
        Assert.Equal(0.42435, outputs[0], 1e-4);
        Assert.True(outputs[1] > outputs[0] && outputs[2] > outputs[3]);
        Assert.Equal(outputs[1], outputs[2]);
    }

    [Fact]
    public void BitsReadOutputsAboveOneHalfAsOneAndCorrectCountsAgainstXor()
    {
        Assert.Equal([0, 1, 1, 0], XorNetwork.Bits([0.1f, 0.9f, 0.51f, 0.5f]));
        Assert.Equal(4, XorNetwork.Correct([0, 1, 1, 0]));
        Assert.Equal(2, XorNetwork.Correct([0, 0, 0, 0]));
        Assert.Equal(0, XorNetwork.Correct([1, 0, 0, 1]));
        Assert.Throws<ArgumentException>(() => XorNetwork.Correct([0, 1]));
    }
}
