using Hebb.Tensors.Kernels;

namespace Hebb.Layers;

/// <summary>
/// The forward and backward pass of a dense layer on plain arrays: a = f(x·W + b), and from dL/da the
/// gradients of W, b and x. Both the autodiff operation of <see cref="Dense"/> and the allocation-free
/// training step use these, so the two paths compute bit-identical gradients.
/// </summary>
internal sealed class DenseKernels(Dense layer, int maxRows) : LayerKernels(layer.Inputs, layer.Outputs, maxRows)
{
    private readonly float[] output = new float[maxRows * layer.Outputs];
    // The weights in the layout of the matrix-vector kernel's batches, copied at the first batch predicted (only a
    // predictor predicts; a single row reads W itself, and a one-sample predictor never makes the copy).
    private ColumnBlocks? batchWeights;

    protected override Parameter[] Parameters { get; } = [.. layer.Parameters];

    /// <summary>output[rows, outputs] = f(input[rows, inputs]·W + b): the product, then bias and activation in one pass.
    /// A dense layer computes the same in training and evaluation.</summary>
    public override float[] Forward(float[] input, int rows, bool training)
    {
        CheckRows(rows);
        Gemm.Product(MatrixLayout.AB, input, layer.Weights.Data, output, rows, layer.Inputs, layer.Outputs, accumulate: false);
        layer.Activation.ForwardWithBias(output.AsSpan(0, rows * layer.Outputs), layer.Biases.Data);
        return output;
    }

    /// <summary>f(x·W + b) through the matrix-vector kernel when it is the faster (a single row, or inputs mostly
    /// zero, <see cref="MatrixVector.Suits"/>), else as <see cref="Forward"/>. A batch through that kernel reads a copy
    /// of W made at the first such batch: weights changed after it are not seen (make new kernels, or a new predictor).</summary>
    public override float[] Predict(float[] input, int rows)
    {
        CheckRows(rows);
        if (!MatrixVector.Suits(input, rows, layer.Inputs, layer.Outputs)) return Forward(input, rows, training: false);
        if (rows == 1) MatrixVector.Row(input.AsSpan(0, layer.Inputs), layer.Weights.Data, layer.Biases.Data, layer.Outputs, output);
        else MatrixVector.Product(input, rows, batchWeights ??= new ColumnBlocks(layer.Weights.Data, layer.Inputs, layer.Outputs), layer.Biases.Data, output);
        var outputs = output.AsSpan(0, rows * layer.Outputs);
        layer.Activation.Forward(outputs, outputs, layer.Outputs);
        return output;
    }

    /// <summary>Turns dL/da into dL/dz in place, adds dL/dW and dL/db to the gradients of the parameters that
    /// require one, and writes (or adds) dL/dx.</summary>
    public override void Backward(float[] input, int rows, float[] outputGradient, float[]? inputGradient, bool accumulateInput) =>
        BackPropagate(input, rows, outputGradient, inputGradient, accumulateInput, accumulateParameters: true);

    /// <summary>As <see cref="Backward"/>, with dL/dW and dL/db written straight into
    /// the gradients (the product with accumulate off): a pass less over the 1 MB of W's gradient than clearing it first.
    /// The numbers are the same, as 0 + x = x.</summary>
    public override void BackwardSettingGradients(float[] input, int rows, float[] outputGradient, float[]? inputGradient) =>
        BackPropagate(input, rows, outputGradient, inputGradient, accumulateInput: false, accumulateParameters: false);

    private void BackPropagate(float[] input, int rows, float[] outputGradient, float[]? inputGradient, bool accumulateInput, bool accumulateParameters)
    {
        ActivationBackward(rows, outputGradient);
        if (layer.Weights.RequiresGrad)
            Gemm.Product(MatrixLayout.AtB, input, outputGradient, layer.Weights.GradData(), layer.Inputs, rows, layer.Outputs, accumulateParameters);
        if (layer.Biases.RequiresGrad)
        {
            if (!accumulateParameters) Array.Clear(layer.Biases.GradData());
            AddRowSums(rows, outputGradient, layer.Biases.GradData());
        }
        if (inputGradient is not null)
            Gemm.Product(MatrixLayout.ABt, outputGradient, layer.Weights.Data, inputGradient, rows, layer.Outputs, layer.Inputs, accumulateInput);
    }

    /// <summary>
    /// Back-propagates as <see cref="Backward"/>, writing dL/dx, and applies plain SGD to the layer on the way:
    /// W ← W + xᵀ·(−η·dz), b ← b + Σ(−η·dz). The update is the weight-gradient product itself, accumulated
    /// into W, so dL/dW is never stored and W passes through the cache once instead of three times.
    /// </summary>
    public override void BackwardWithSgd(float[] input, int rows, float[] outputGradient, float[]? inputGradient, float learningRate)
    {
        ActivationBackward(rows, outputGradient);
        // dx needs the weights as they were, before the update.
        if (inputGradient is not null)
            Gemm.Product(MatrixLayout.ABt, outputGradient, layer.Weights.Data, inputGradient, rows, layer.Outputs, layer.Inputs, accumulate: false);
        var step = outputGradient.AsSpan(0, rows * layer.Outputs);
        TensorPrimitives.Multiply(step, -learningRate, step);
        AddWeightProduct(input, rows, outputGradient, layer.Weights.Data);
        AddRowSums(rows, outputGradient, layer.Biases.Data);
    }

    private void ActivationBackward(int rows, float[] outputGradient)
    {
        var gradient = outputGradient.AsSpan(0, rows * layer.Outputs);
        layer.Activation.Backward(output.AsSpan(0, rows * layer.Outputs), gradient, gradient, layer.Outputs);
    }

    /// <summary>target[inputs, outputs] += inputᵀ·rowsOfZ.</summary>
    private void AddWeightProduct(float[] input, int rows, float[] rowsOfZ, float[] target) =>
        Gemm.Product(MatrixLayout.AtB, input, rowsOfZ, target, layer.Inputs, rows, layer.Outputs, accumulate: true);

    /// <summary>target[outputs] += the sum of the rows of rowsOfZ.</summary>
    private void AddRowSums(int rows, float[] rowsOfZ, float[] target)
    {
        for (int row = 0; row < rows; row++)
            TensorPrimitives.Add(target, rowsOfZ.AsSpan(row * layer.Outputs, layer.Outputs), target);
    }
}
