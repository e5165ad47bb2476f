using Hebb.Activations;
using Hebb.Layers;
using Hebb.Losses;

namespace Hebb.Training;

/// <summary>
/// Forward pass, softmax cross-entropy and backward pass of a <see cref="Sequential"/> of dense layers
/// without building a graph: every activation and gradient lives in a buffer made once, so a training
/// step allocates nothing. It runs the same kernels as the autodiff path (<see cref="DenseKernels"/>,
/// <see cref="Loss.SoftmaxCrossEntropyKernel"/>), hence the same numbers.
/// </summary>
internal sealed class DenseTrainingStep
{
    private readonly DenseForwardPass forward;
    private readonly Dense[] layers;
    private readonly float[][] outputs;
    private readonly float[][] gradients;

    private DenseTrainingStep(DenseForwardPass forward)
    {
        this.forward = forward;
        layers = forward.Layers;
        outputs = forward.Outputs;
        gradients = layers.Select(layer => new float[forward.MaxRows * layer.Outputs]).ToArray();
    }

    /// <summary>The step for <paramref name="model"/>, or null unless it is a chain of dense layers ending in
    /// logits, with every parameter trainable.</summary>
    public static DenseTrainingStep? For(Sequential model, int maxRows)
    {
        var forward = DenseForwardPass.For(model, maxRows);
        if (forward is null || forward.Layers[^1].Activation != Activation.Identity) return null;
        if (model.Parameters.Any(parameter => !parameter.Value.RequiresGrad)) return null;
        return new DenseTrainingStep(forward);
    }

    /// <summary>Sets every parameter's gradient to that of the mean loss over the first
    /// <c>labels.Length</c> rows of <paramref name="inputs"/>, and returns the loss.</summary>
    public float Run(float[] inputs, ReadOnlySpan<int> labels)
    {
        float loss = ForwardAndLoss(inputs, labels);
        int rows = labels.Length;
        for (int i = layers.Length - 1; i >= 0; i--)
        {
            var layer = layers[i];
            var weightGradient = layer.Weights.GradData();
            var biasGradient = layer.Biases.GradData();
            Array.Clear(weightGradient);
            Array.Clear(biasGradient);
            DenseKernels.Backward(layer, i == 0 ? inputs : outputs[i - 1], rows, outputs[i], gradients[i],
                weightGradient, biasGradient, i == 0 ? null : gradients[i - 1], accumulateInput: false);
        }
        return loss;
    }

    /// <summary>One step of plain SGD (no momentum) on the mean loss over the rows, fused into the backward
    /// pass (see <see cref="DenseKernels.BackwardWithSgd"/>); returns the loss before the step. Gradients are not kept.</summary>
    public float RunWithSgd(float[] inputs, ReadOnlySpan<int> labels, float learningRate)
    {
        float loss = ForwardAndLoss(inputs, labels);
        int rows = labels.Length;
        for (int i = layers.Length - 1; i >= 0; i--)
            DenseKernels.BackwardWithSgd(layers[i], i == 0 ? inputs : outputs[i - 1], rows, outputs[i], gradients[i],
                i == 0 ? null : gradients[i - 1], learningRate);
        return loss;
    }

    /// <summary>The forward pass into the layers' buffers, and the loss with its gradient into the last one.</summary>
    private float ForwardAndLoss(float[] inputs, ReadOnlySpan<int> labels)
    {
        int rows = labels.Length;
        var logits = forward.Run(inputs, rows);
        return Loss.SoftmaxCrossEntropyKernel(logits.AsSpan(0, rows * forward.Classes), labels, forward.Classes, gradients[^1]);
    }
}
