using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Losses;

public static partial class Loss
{
    /// <summary>
    /// Mean sparse softmax cross-entropy of logits [batch, classes] against integer labels — the note's
    /// <c>reduce_mean(sparse_softmax_cross_entropy_with_logits)</c>. Fused: per row it forms
    /// log Σ e^z once (stably) and keeps the softmax, so the gradient is (softmax − onehot) / batch.
    /// </summary>
    public static Tensor SoftmaxCrossEntropy(Tensor logits, ReadOnlySpan<int> labels)
    {
        if (logits.Rank != 2)
            throw new ArgumentException($"SoftmaxCrossEntropy: logits must be [batch, classes], got shape {logits.ShapeString}");
        int batch = logits.Shape[0], classes = logits.Shape[1];
        if (labels.Length != batch)
            throw new ArgumentException($"SoftmaxCrossEntropy: {labels.Length} labels for logits of shape {logits.ShapeString}");
        var labelCopy = labels.ToArray();
        var probabilities = new float[logits.Length];
        double total = 0;
        for (int row = 0; row < batch; row++)
        {
            int label = labelCopy[row];
            if ((uint)label >= (uint)classes)
                throw new ArgumentException($"SoftmaxCrossEntropy: label {label} at row {row} is outside [0, {classes})");
            var z = logits.Data.AsSpan(row * classes, classes);
            float logSum = LogSoftmax.ShiftedLogSumExp(z, out float max);
            total += logSum - (z[label] - max);
            var p = probabilities.AsSpan(row * classes, classes);
            TensorPrimitives.Subtract(z, max, p);
            TensorPrimitives.Subtract(p, logSum, p);
            TensorPrimitives.Exp(p, p);
        }
        var loss = Tensor.Scalar((float)(total / Math.Max(1, batch)));
        return Autograd.Record("SoftmaxCrossEntropy", loss, gradient =>
        {
            float scale = gradient.Data[0] / Math.Max(1, batch);
            for (int row = 0; row < batch; row++) probabilities[row * classes + labelCopy[row]] -= 1f;
            TensorPrimitives.Multiply(probabilities, scale, probabilities);
            logits.AccumulateGradOwned(probabilities);
        }, logits);
    }
}
