using System.Runtime.CompilerServices;
using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Losses;

/// <summary>The losses, each a differentiable operation that returns a scalar tensor (the mean over the batch) to call
/// <see cref="Tensor.Backward()"/> on: softmax cross-entropy, binary cross-entropy, mean squared error.</summary>
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
        var gradient = new float[logits.Length];
        var loss = Tensor.Scalar(SoftmaxCrossEntropyKernel(logits.Data, labels, classes, gradient));
        return Autograd.Record("SoftmaxCrossEntropy", loss, outputGradient =>
        {
            TensorPrimitives.Multiply(gradient, outputGradient.Data[0], gradient);
            logits.AccumulateGradOwned(gradient);
        }, logits);
    }

    /// <summary>
    /// The mean loss over the <c>labels.Length</c> rows of <paramref name="logits"/>, with its gradient
    /// (softmax − onehot) / rows written into <paramref name="gradient"/> in the same pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float SoftmaxCrossEntropyKernel(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, Span<float> gradient)
    {
        int rows = labels.Length;
        double total = 0;
        float scale = 1f / Math.Max(1, rows);
        for (int row = 0; row < rows; row++)
        {
            int label = labels[row];
            if ((uint)label >= (uint)classes)
                throw new ArgumentException($"SoftmaxCrossEntropy: label {label} at row {row} is outside [0, {classes})");
            var z = logits.Slice(row * classes, classes);
            float logSum = LogSoftmax.ShiftedLogSumExp(z, out float max);
            total += logSum - (z[label] - max);
            var p = gradient.Slice(row * classes, classes);
            TensorPrimitives.Subtract(z, max, p);
            TensorPrimitives.Subtract(p, logSum, p);
            TensorPrimitives.Exp(p, p);
            p[label] -= 1f;
            TensorPrimitives.Multiply(p, scale, p);
        }
        return (float)(total / Math.Max(1, rows));
    }
}

/// <summary>Softmax cross-entropy as a <see cref="TrainingLoss"/>.</summary>
internal sealed class SoftmaxCrossEntropyLoss : TrainingLoss
{
    public override string Name => "softmax_cross_entropy";

    public override float Kernel(ReadOnlySpan<float> outputs, int rows, int width, BatchTargets targets, Span<float> gradient) =>
        Loss.SoftmaxCrossEntropyKernel(outputs[..(rows * width)], targets.Labels[..rows], width, gradient);

    public override Tensor Apply(Tensor outputs, BatchTargets targets) => Loss.SoftmaxCrossEntropy(outputs, targets.Labels);
}
