using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hebb.Optimizers;

/// <summary>
/// torch.optim.RMSprop's rule on one vector: g ← g + λ·p; s ← α·s + (1 − α)·g²; d = g / (√s + ε); with momentum
/// b ← μ·b + d, d = b; p ← p − η·d. Both buffers decay while their gradient is zero: they are flushed to zero once
/// subnormal (<see cref="Subnormals"/>).
/// </summary>
internal readonly struct RmsPropUpdate(float rate, float alpha, float squareShare, float epsilon, float decay, float momentum) : IParameterUpdate
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector<float> value, Vector<float> gradient, ref Vector<float> squareAverage, ref Vector<float> buffer)
    {
        gradient += decay * value;
        squareAverage = Subnormals.Flushed(alpha * squareAverage + squareShare * (gradient * gradient));
        var step = gradient / (Vector.SquareRoot(squareAverage) + new Vector<float>(epsilon));
        if (momentum > 0f)
        {
            buffer = Subnormals.Flushed(momentum * buffer + step);
            step = buffer;
        }
        value -= rate * step;
    }
}
