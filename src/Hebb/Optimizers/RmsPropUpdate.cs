using System.Numerics;

namespace Hebb.Optimizers;

/// <summary>
/// torch.optim.RMSprop's rule on one vector: g ← g + λ·p; s ← α·s + (1 − α)·g²; d = g / (√s + ε); with momentum
/// b ← μ·b + d, d = b; p ← p − η·d.
/// </summary>
internal readonly struct RmsPropUpdate(float rate, float alpha, float squareShare, float epsilon, float decay, float momentum) : IParameterUpdate
{
    public void Apply(ref Vector<float> value, Vector<float> gradient, ref Vector<float> squareAverage, ref Vector<float> buffer)
    {
        gradient += decay * value;
        squareAverage = alpha * squareAverage + squareShare * (gradient * gradient);
        var step = gradient / (Vector.SquareRoot(squareAverage) + new Vector<float>(epsilon));
        if (momentum > 0f)
        {
            buffer = momentum * buffer + step;
            step = buffer;
        }
        value -= rate * step;
    }
}
