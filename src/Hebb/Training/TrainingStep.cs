using Hebb.Layers;
using Hebb.Losses;

namespace Hebb.Training;

/// <summary>
/// Forward pass, loss (softmax cross-entropy, or mean squared error for regression) and backward pass of a <see cref="Sequential"/> of
/// <see cref="IKernelLayer"/>s without building a graph: every activation and gradient lives in a buffer made
/// once, so a training step allocates nothing. It runs the same kernels as the layers' autodiff operations
/// (and the loss's <see cref="TrainingLoss.Kernel"/>), hence the same numbers; it never asks which kind of
/// layer it holds.
/// </summary>
internal sealed class TrainingStep
{
    private readonly ForwardPass forward;
    private readonly LayerKernels[] kernels;
    private readonly float[][] gradients;
    private readonly Parameter[] parameters;

    private TrainingStep(ForwardPass forward, Parameter[] parameters)
    {
        this.forward = forward;
        this.parameters = parameters;
        kernels = forward.Kernels;
        gradients = kernels.Select(layer => new float[forward.MaxRows * layer.OutputWidth]).ToArray();
    }

    /// <summary>The step for <paramref name="model"/>, or null unless every layer has kernels and every parameter is trainable
    /// and belongs to one layer.</summary>
    public static TrainingStep? For(Sequential model, int maxRows)
    {
        var forward = ForwardPass.For(model, maxRows);
        if (forward is null) return null;
        var parameters = model.Parameters.ToArray();
        if (parameters.Any(parameter => !parameter.Value.RequiresGrad)) return null;
        // Each layer sets its parameters' gradients in the backward pass: a parameter two layers share would need them added.
        if (parameters.Select(parameter => parameter.Value).Distinct(ReferenceEqualityComparer.Instance).Count() != parameters.Length) return null;
        return new TrainingStep(forward, parameters);
    }

    /// <summary>The pass in evaluation mode over the same buffers (used between steps, e.g. for an accuracy).</summary>
    public ForwardPass Forward => forward;

    /// <summary>Sets every parameter's gradient to that of the mean softmax cross-entropy over the first
    /// <c>labels.Length</c> rows of <paramref name="inputs"/>, in training mode, and returns the loss.</summary>
    public float Run(float[] inputs, ReadOnlySpan<int> labels) =>
        Run(inputs, labels.Length, TrainingLoss.SoftmaxCrossEntropy, new BatchTargets(labels, default));

    /// <summary>Sets every parameter's gradient to that of the mean <paramref name="loss"/> over the first
    /// <paramref name="rows"/> rows of <paramref name="inputs"/>, in training mode, and returns the loss. The backward pass
    /// calls <paramref name="layerDone"/> with each layer's index once that layer's gradients are complete, last layer
    /// first (data-parallel training starts sending them then). The gradients are those of the loss times
    /// <paramref name="gradientScale"/> (data-parallel training's share of the global batch; the loss returned is not scaled).</summary>
    public float Run(float[] inputs, int rows, TrainingLoss loss, BatchTargets targets, Action<int>? layerDone = null, float gradientScale = 1f)
    {
        float value = ForwardAndLoss(inputs, rows, loss, targets);
        if (gradientScale != 1f)
        {
            var lossGradient = gradients[^1].AsSpan(0, rows * forward.Classes);
            TensorPrimitives.Multiply(lossGradient, gradientScale, lossGradient);
        }
        for (int i = kernels.Length - 1; i >= 0; i--)
        {
            // Every parameter belongs to one layer (For checks that each is trainable), which sets its gradient.
            kernels[i].BackwardSettingGradients(Input(i, inputs), rows, gradients[i], i == 0 ? null : gradients[i - 1]);
            layerDone?.Invoke(i);
        }
        return value;
    }

    /// <summary>One step of plain SGD (no momentum) on the mean softmax cross-entropy over the rows (see the other overload).</summary>
    public float RunWithSgd(float[] inputs, ReadOnlySpan<int> labels, float learningRate) =>
        RunWithSgd(inputs, labels.Length, TrainingLoss.SoftmaxCrossEntropy, new BatchTargets(labels, default), learningRate);

    /// <summary>One step of plain SGD (no momentum) on the mean <paramref name="loss"/> over the rows, fused into the backward
    /// pass (see <see cref="LayerKernels.BackwardWithSgd"/>); returns the loss before the step.</summary>
    public float RunWithSgd(float[] inputs, int rows, TrainingLoss loss, BatchTargets targets, float learningRate)
    {
        float value = ForwardAndLoss(inputs, rows, loss, targets);
        for (int i = kernels.Length - 1; i >= 0; i--)
            kernels[i].BackwardWithSgd(Input(i, inputs), rows, gradients[i], i == 0 ? null : gradients[i - 1], learningRate);
        return value;
    }

    private float[] Input(int layer, float[] inputs) => layer == 0 ? inputs : forward.Outputs[layer - 1];

    /// <summary>The forward pass into the layers' buffers, and the loss with its gradient into the last one.</summary>
    private float ForwardAndLoss(float[] inputs, int rows, TrainingLoss loss, BatchTargets targets)
    {
        var outputs = forward.Run(inputs, rows, training: true);
        return loss.Kernel(outputs.AsSpan(0, rows * forward.Classes), rows, forward.Classes, targets, gradients[^1]);
    }
}
