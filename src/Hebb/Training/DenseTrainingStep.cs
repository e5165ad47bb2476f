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
    private readonly Dense[] layers;
    private readonly float[][] outputs;
    private readonly float[][] gradients;

    private DenseTrainingStep(Dense[] layers, int maxRows)
    {
        this.layers = layers;
        outputs = layers.Select(layer => new float[maxRows * layer.Outputs]).ToArray();
        gradients = layers.Select(layer => new float[maxRows * layer.Outputs]).ToArray();
    }

    public int MaxRows => outputs[0].Length / layers[0].Outputs;

    /// <summary>The step for <paramref name="model"/>, or null unless it is a chain of dense layers ending in
    /// logits, with every parameter trainable.</summary>
    public static DenseTrainingStep? For(Sequential model, int maxRows)
    {
        var layers = model.Layers.OfType<Dense>().ToArray();
        if (layers.Length != model.Layers.Count || layers[^1].Activation != Activation.Identity) return null;
        if (model.Parameters.Any(parameter => !parameter.Value.RequiresGrad)) return null;
        return new DenseTrainingStep(layers, maxRows);
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
        if (rows > MaxRows) throw new ArgumentOutOfRangeException(nameof(labels), $"{rows} rows exceed the {MaxRows} this step was made for");
        var input = inputs;
        for (int i = 0; i < layers.Length; i++)
        {
            DenseKernels.Forward(layers[i], input, rows, outputs[i]);
            input = outputs[i];
        }
        int last = layers.Length - 1;
        return Loss.SoftmaxCrossEntropyKernel(outputs[last].AsSpan(0, rows * layers[last].Outputs), labels, layers[last].Outputs, gradients[last]);
    }
}
