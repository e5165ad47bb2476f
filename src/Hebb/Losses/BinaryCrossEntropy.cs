using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Losses;

public static partial class Loss
{
    /// <summary>
    /// Mean binary cross-entropy of logits z against targets t in [0, 1]:
    /// max(z, 0) − z·t + log(1 + e^−|z|), which never takes the log of 0. Gradient: (σ(z) − t) / n.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets)
    {
        if (!logits.SameShape(targets))
            throw new ArgumentException($"BinaryCrossEntropyWithLogits: logits {logits.ShapeString} and targets {targets.ShapeString} differ in shape");
        double total = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            float z = logits.Data[i], t = targets.Data[i];
            total += Math.Max(z, 0f) - z * t + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));
        }
        int count = Math.Max(1, logits.Length);
        var loss = Tensor.Scalar((float)(total / count));
        return Autograd.Record("BinaryCrossEntropyWithLogits", loss, gradient =>
        {
            var sigmoid = (Sigmoid)Activation.Sigmoid;
            var dz = new float[logits.Length];
            float scale = gradient.Data[0] / count;
            for (int i = 0; i < dz.Length; i++) dz[i] = (sigmoid.Value(logits.Data[i]) - targets.Data[i]) * scale;
            logits.AccumulateGradOwned(dz);
        }, logits);
    }
}
