using Hebb.Tensors.Kernels;

namespace Hebb.Layers;

/// <summary>
/// The forward and backward pass of a dense layer on plain arrays: a = f(x·W + b), and from dL/da the
/// gradients of W, b and x. Both the autodiff operation of <see cref="Dense"/> and the allocation-free
/// training step use these, so the two paths compute bit-identical gradients.
/// </summary>
internal static class DenseKernels
{
    /// <summary>output[rows, outputs] = f(input[rows, inputs]·W + b): the product, then bias and activation in one pass.</summary>
    public static void Forward(Dense layer, float[] input, int rows, float[] output)
    {
        Gemm.Product(MatrixLayout.AB, input, layer.Weights.Data, output, rows, layer.Inputs, layer.Outputs, accumulate: false);
        layer.Activation.ForwardWithBias(output.AsSpan(0, rows * layer.Outputs), layer.Biases.Data);
    }

    /// <summary>
    /// Back-propagates <paramref name="outputGradient"/> (dL/da, turned into dL/dz in place). Adds dL/dW and
    /// dL/db to <paramref name="weightGradient"/> and <paramref name="biasGradient"/> when given, and writes
    /// (or adds, with <paramref name="accumulateInput"/>) dL/dx into <paramref name="inputGradient"/> when given.
    /// </summary>
    public static void Backward(Dense layer, float[] input, int rows, float[] output, float[] outputGradient,
        float[]? weightGradient, float[]? biasGradient, float[]? inputGradient, bool accumulateInput)
    {
        ActivationBackward(layer, rows, output, outputGradient);
        if (weightGradient is not null) AddWeightProduct(layer, input, rows, outputGradient, weightGradient);
        if (biasGradient is not null) AddRowSums(layer, rows, outputGradient, biasGradient);
        if (inputGradient is not null)
            Gemm.Product(MatrixLayout.ABt, outputGradient, layer.Weights.Data, inputGradient, rows, layer.Outputs, layer.Inputs, accumulateInput);
    }

    /// <summary>
    /// Back-propagates as <see cref="Backward"/>, writing dL/dx, and applies plain SGD to the layer on the way:
    /// W ← W + xᵀ·(−η·dz), b ← b + Σ(−η·dz). The update is the weight-gradient product itself, accumulated
    /// into W, so dL/dW is never stored and W passes through the cache once instead of three times.
    /// </summary>
    public static void BackwardWithSgd(Dense layer, float[] input, int rows, float[] output, float[] outputGradient,
        float[]? inputGradient, float learningRate)
    {
        ActivationBackward(layer, rows, output, outputGradient);
        // dx needs the weights as they were, before the update.
        if (inputGradient is not null)
            Gemm.Product(MatrixLayout.ABt, outputGradient, layer.Weights.Data, inputGradient, rows, layer.Outputs, layer.Inputs, accumulate: false);
        var step = outputGradient.AsSpan(0, rows * layer.Outputs);
        TensorPrimitives.Multiply(step, -learningRate, step);
        AddWeightProduct(layer, input, rows, outputGradient, layer.Weights.Data);
        AddRowSums(layer, rows, outputGradient, layer.Biases.Data);
    }

    private static void ActivationBackward(Dense layer, int rows, float[] output, float[] outputGradient)
    {
        var gradient = outputGradient.AsSpan(0, rows * layer.Outputs);
        layer.Activation.Backward(output.AsSpan(0, rows * layer.Outputs), gradient, gradient, layer.Outputs);
    }

    /// <summary>target[inputs, outputs] += inputᵀ·rowsOfZ.</summary>
    private static void AddWeightProduct(Dense layer, float[] input, int rows, float[] rowsOfZ, float[] target) =>
        Gemm.Product(MatrixLayout.AtB, input, rowsOfZ, target, layer.Inputs, rows, layer.Outputs, accumulate: true);

    /// <summary>target[outputs] += the sum of the rows of rowsOfZ.</summary>
    private static void AddRowSums(Dense layer, int rows, float[] rowsOfZ, float[] target)
    {
        for (int row = 0; row < rows; row++)
            TensorPrimitives.Add(target, rowsOfZ.AsSpan(row * layer.Outputs, layer.Outputs), target);
    }
}
