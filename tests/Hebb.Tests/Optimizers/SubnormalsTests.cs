using System.Numerics;
using Hebb.Layers;
using Hebb.Optimizers;
using Hebb.Tensors;

namespace Hebb.Tests.Optimizers;

/// <summary>Subnormal moments are flushed to zero, and nothing else is changed.</summary>
public class SubnormalsTests
{
    [Fact]
    public void OnlySubnormalLanesBecomeZero()
    {
        float[] inputs = [float.Epsilon, -float.Epsilon, 1e-39f, -5.9e-39f, BitConverter.Int32BitsToSingle(0x007F_FFFF),
            0f, 1.17549435e-38f, -1.17549435e-38f, 1f, -3.5f, float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-30f, -0f];
        int width = Vector<float>.Count;
        var padded = new float[(inputs.Length + width - 1) / width * width];
        inputs.CopyTo(padded, 0);
        for (int start = 0; start < padded.Length; start += width)
        {
            var flushed = new float[width];
            Subnormals.Flushed(new Vector<float>(padded, start)).CopyTo(flushed);
            for (int lane = 0; lane < width; lane++)
            {
                float input = padded[start + lane];
                if (float.IsSubnormal(input) || input == 0f) Assert.Equal(0, BitConverter.SingleToInt32Bits(flushed[lane]));
                else Assert.Equal(BitConverter.SingleToInt32Bits(input), BitConverter.SingleToInt32Bits(flushed[lane]));
            }
        }
    }

    /// <summary>Once its gradient stays zero, a value's decaying buffers reach exactly zero: kept subnormal, 0.9 times a
    /// few units of the last place would round back to itself for ever (RMSProp's square average takes 7000 steps of
    /// α = 0.99 to go subnormal).</summary>
    [Theory]
    [InlineData("adam", "exp_avg")]
    [InlineData("adamw", "exp_avg")]
    [InlineData("momentum", "momentum_buffer")]
    [InlineData("nesterov", "momentum_buffer")]
    [InlineData("rmsprop", "square_avg")]
    [InlineData("rmsprop", "momentum_buffer")]
    public void TheBuffersOfAGradientThatStopsReachZero(string name, string decaying)
    {
        var weights = new Parameter("layer/weights", new Tensor([0.5f, -0.25f, 0.125f], 3));
        var options = new OptimizerOptions { Name = name, LearningRate = 1e-3f, Momentum = name == "rmsprop" ? 0.9f : 0f };
        var optimizer = options.Create([weights]);
        float[] gradient = [1e-3f, -2e-4f, 3e-5f];
        gradient.CopyTo(weights.Value.GradData(), 0);
        optimizer.Step();
        Array.Clear(weights.Value.GradData());
        for (int step = 0; step < 9000; step++) optimizer.Step();
        var slots = optimizer.SaveState().Slots;
        Assert.All(slots.Single(slot => slot.Name == $"layer/weights/{decaying}").Values, value => Assert.Equal(0f, value));
        Assert.All(slots.SelectMany(slot => slot.Values), value => Assert.False(float.IsSubnormal(value)));
    }
}
