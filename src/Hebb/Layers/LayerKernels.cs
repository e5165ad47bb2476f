namespace Hebb.Layers;

/// <summary>
/// A layer's forward and backward pass on row-major arrays of up to <see cref="MaxRows"/> rows, with every
/// buffer it needs (its output, what its backward pass keeps from the forward one) made once at construction:
/// running it batch after batch allocates nothing.
/// </summary>
public abstract class LayerKernels(int inputWidth, int outputWidth, int maxRows)
{
    /// <summary>Values per input row.</summary>
    public int InputWidth { get; } = inputWidth;

    /// <summary>Values per output row.</summary>
    public int OutputWidth { get; } = outputWidth;

    /// <summary>The most rows a batch may have.</summary>
    public int MaxRows { get; } = maxRows;

    /// <summary>
    /// Runs the first <paramref name="rows"/> rows of <paramref name="input"/> through the layer, in training mode
    /// (<paramref name="training"/>: dropout drops, batch normalization uses and updates batch statistics) or
    /// evaluation mode. Returns the array whose first rows × <see cref="OutputWidth"/> values are the output: the
    /// kernels' own buffer, or <paramref name="input"/> itself for a layer that is the identity in that mode. The
    /// result stays valid until the next call.
    /// </summary>
    public abstract float[] Forward(float[] input, int rows, bool training);

    /// <summary>
    /// The forward pass in evaluation mode, for prediction: the same function as <see cref="Forward"/> with
    /// training false, which is what it runs unless the layer has a faster way for the rows at hand
    /// (<see cref="DenseKernels"/> skips zero inputs). It keeps nothing for a backward pass.
    /// </summary>
    public virtual float[] Predict(float[] input, int rows) => Forward(input, rows, training: false);

    /// <summary>
    /// Back-propagates through the last <see cref="Forward"/> (whose <paramref name="input"/> must be passed again):
    /// from dL/dy in <paramref name="outputGradient"/>, which it may overwrite, it adds each trainable parameter's
    /// gradient to that parameter's gradient, and writes dL/dx into <paramref name="inputGradient"/> when given
    /// (adds, with <paramref name="accumulateInput"/>).
    /// </summary>
    public abstract void Backward(float[] input, int rows, float[] outputGradient, float[]? inputGradient, bool accumulateInput);

    /// <summary>
    /// As <see cref="Backward"/>, writing dL/dx, but sets each trainable parameter's gradient to this batch's instead of
    /// adding to it, for a training step that starts from no gradient. The default clears the gradients and adds; a
    /// layer can write them directly (<see cref="DenseKernels"/> does: no pass that clears them, no read of them).
    /// </summary>
    public virtual void BackwardSettingGradients(float[] input, int rows, float[] outputGradient, float[]? inputGradient)
    {
        foreach (var parameter in Parameters) Array.Clear(parameter.Value.GradData());
        Backward(input, rows, outputGradient, inputGradient, accumulateInput: false);
    }

    /// <summary>
    /// As <see cref="Backward"/>, writing dL/dx, and then applies one step of plain SGD (p ← p − η·dL/dp) to the
    /// layer's parameters, whose gradients it may leave undefined. The default takes the gradients, then steps;
    /// a layer can fuse the update into its backward pass (<see cref="DenseKernels"/> does).
    /// </summary>
    public virtual void BackwardWithSgd(float[] input, int rows, float[] outputGradient, float[]? inputGradient, float learningRate)
    {
        foreach (var parameter in Parameters) Array.Clear(parameter.Value.GradData());
        Backward(input, rows, outputGradient, inputGradient, accumulateInput: false);
        foreach (var parameter in Parameters)
        {
            var gradient = parameter.Value.GradData();
            TensorPrimitives.MultiplyAdd(gradient, -learningRate, parameter.Value.Data, parameter.Value.Data);
        }
    }

    /// <summary>The trainable parameters this layer's backward pass writes gradients for.</summary>
    protected abstract Parameter[] Parameters { get; }

    /// <summary>Fails when a batch does not fit the buffers.</summary>
    protected void CheckRows(int rows)
    {
        if (rows < 1 || rows > MaxRows)
            throw new ArgumentOutOfRangeException(nameof(rows), $"a batch of {rows} rows; these kernels take 1 to {MaxRows}");
    }
}
