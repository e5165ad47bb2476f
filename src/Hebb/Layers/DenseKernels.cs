using Hebb.Tensors.Kernels;

namespace Hebb.Layers;

/// <summary>
/// The forward and backward pass of a dense layer on plain arrays: a = f(x·W + b), and from dL/da the
/// gradients of W, b and x. Both the autodiff operation of <see cref="Dense"/> and the allocation-free
/// training step use these, so the two paths compute bit-identical numbers.
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
        int inputs = layer.Inputs, outputs = layer.Outputs;
        layer.Activation.Backward(output.AsSpan(0, rows * outputs), outputGradient.AsSpan(0, rows * outputs), outputGradient.AsSpan(0, rows * outputs), outputs);
        if (weightGradient is not null)
            Gemm.Product(MatrixLayout.AtB, input, outputGradient, weightGradient, inputs, rows, outputs, accumulate: true);
        if (biasGradient is not null)
            for (int row = 0; row < rows; row++)
                TensorPrimitives.Add(biasGradient, outputGradient.AsSpan(row * outputs, outputs), biasGradient);
        if (inputGradient is not null)
            Gemm.Product(MatrixLayout.ABt, outputGradient, layer.Weights.Data, inputGradient, rows, outputs, inputs, accumulateInput);
    }
}
