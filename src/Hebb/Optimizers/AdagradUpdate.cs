using System.Numerics;

namespace Hebb.Optimizers;

/// <summary>torch.optim.Adagrad's rule on one vector: g ← g + λ·p; s ← s + g²; p ← p − η·g / (√s + ε).</summary>
internal readonly struct AdagradUpdate(float rate, float epsilon, float decay) : IParameterUpdate
{
    public void Apply(ref Vector<float> value, Vector<float> gradient, ref Vector<float> sum, ref Vector<float> unused)
    {
        gradient += decay * value;
        sum += gradient * gradient;
        value -= rate * (gradient / (Vector.SquareRoot(sum) + new Vector<float>(epsilon)));
    }
}
