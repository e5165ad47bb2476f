using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hebb.Optimizers;

/// <summary>
/// torch.optim.SGD's rule on one vector: d = g + λ·p; with momentum, b ← μ_b·b + k·d, d = b (or d + μ·b with
/// Nesterov); p ← p − η·d. On the first step μ_b = 0 and k = 1, so that b = d as PyTorch sets it. The buffer decays
/// while its gradient is zero: it is flushed to zero once subnormal (<see cref="Subnormals"/>).
/// </summary>
internal readonly struct SgdUpdate(float rate, float decay, float momentum, float bufferMomentum, float kept, bool nesterov)
    : IParameterUpdate
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector<float> value, Vector<float> gradient, ref Vector<float> buffer, ref Vector<float> unused)
    {
        var step = gradient + decay * value;
        if (momentum > 0f)
        {
            buffer = Subnormals.Flushed(bufferMomentum * buffer + kept * step);
            step = nesterov ? step + momentum * buffer : buffer;
        }
        value -= rate * step;
    }
}
