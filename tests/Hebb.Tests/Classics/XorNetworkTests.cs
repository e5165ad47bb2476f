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
}
