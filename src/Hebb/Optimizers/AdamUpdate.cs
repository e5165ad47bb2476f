using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hebb.Optimizers;

/// <summary>
/// torch.optim.Adam's and AdamW's rule on one vector: p ← p·(1 − η·λ_decoupled); g ← g + λ_L2·p;
/// m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²; p ← p − (η / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε).
/// Everything that depends on the step alone is computed once per step, so a value costs one square root, one
/// division and fused multiply-adds: √v is multiplied by 1 / √(1 − β₂ᵗ) rather than divided by its inverse
/// (a rounding apart, well within the 1e-5 of the golden tests against PyTorch). The constants are kept as vectors,
/// broadcast once per step rather than once per vector of values. The moments are flushed to zero once subnormal
/// (<see cref="Subnormals"/>): a value whose gradient stays zero (a dead ReLU's weights) would otherwise keep a
/// subnormal first moment for good, and every step would take it through the FPU's slow path.
/// </summary>
internal readonly struct AdamUpdate(float beta1, float averageShare, float beta2, float squareShare, float stepSize,
    float inverseCorrection2Sqrt, float epsilon, float l2Decay, float decoupledFactor) : IParameterUpdate
{
    private readonly Vector<float> beta1 = new(beta1), averageShare = new(averageShare), beta2 = new(beta2),
        squareShare = new(squareShare), negativeStepSize = new(-stepSize), inverseCorrection2Sqrt = new(inverseCorrection2Sqrt),
        epsilon = new(epsilon), l2Decay = new(l2Decay), decoupledFactor = new(decoupledFactor);

    /// <summary>The rule at step <paramref name="step"/> (1 on the first), the bias corrections in double as PyTorch
    /// computes them; the weight decay <paramref name="decoupled"/> (AdamW) or as an L2 term (Adam).</summary>
    public static AdamUpdate At(long step, float rate, AdamSettings settings, bool decoupled) => new(
        (float)settings.Beta1, (float)(1 - settings.Beta1), (float)settings.Beta2, (float)(1 - settings.Beta2),
        (float)(rate / (1 - Math.Pow(settings.Beta1, step))),
        (float)(1 / Math.Sqrt(1 - Math.Pow(settings.Beta2, step))), settings.Epsilon,
        decoupled ? 0f : settings.WeightDecay, decoupled ? (float)(1 - (double)rate * settings.WeightDecay) : 1f);

    // Inlined into the loop, which keeps the vectors in registers (called, they pass through the stack: 1.5 times slower).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector<float> value, Vector<float> gradient, ref Vector<float> average, ref Vector<float> squareAverage)
    {
        gradient = Vector.FusedMultiplyAdd(l2Decay, value, gradient);
        value *= decoupledFactor;
        average = Subnormals.Flushed(Vector.FusedMultiplyAdd(beta1, average, averageShare * gradient));
        squareAverage = Subnormals.Flushed(Vector.FusedMultiplyAdd(beta2, squareAverage, squareShare * (gradient * gradient)));
        var denominator = Vector.FusedMultiplyAdd(Vector.SquareRoot(squareAverage), inverseCorrection2Sqrt, epsilon);
        value = Vector.FusedMultiplyAdd(negativeStepSize, average / denominator, value);
    }
}
