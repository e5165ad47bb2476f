namespace Hebb.Layers;

/// <summary>
/// The forward pass of a <see cref="Sequential"/> whose layers are all <see cref="IKernelLayer"/>s, through their
/// kernels, made once for up to <see cref="MaxRows"/> rows: evaluation and training pass batch after batch through
/// it without allocating.
/// </summary>
internal sealed class ForwardPass
{
    private ForwardPass(LayerKernels[] kernels, int maxRows)
    {
        Kernels = kernels;
        Outputs = new float[kernels.Length][];
        MaxRows = maxRows;
    }

    /// <summary>Each layer's kernels, first to last.</summary>
    public LayerKernels[] Kernels { get; }

    /// <summary>Each layer's output for the rows of the last <see cref="Run"/> (a layer that is the identity in
    /// that mode hands on its input array).</summary>
    public float[][] Outputs { get; }

    public int MaxRows { get; }

    public int InputWidth => Kernels[0].InputWidth;

    public int Classes => Kernels[^1].OutputWidth;

    /// <summary>The pass for <paramref name="model"/>, or null when a layer has no kernels or the input width is unknown.</summary>
    public static ForwardPass? For(Sequential model, int maxRows)
    {
        if (model.InputWidth is not int width) return null;
        var kernels = new LayerKernels[model.Layers.Count];
        for (int i = 0; i < kernels.Length; i++)
        {
            if (model.Layers[i] is not IKernelLayer layer) return null;
            kernels[i] = layer.CreateKernels(width, maxRows);
            width = kernels[i].OutputWidth;
        }
        return new ForwardPass(kernels, maxRows);
    }

    /// <summary>Runs the first <paramref name="rows"/> rows of <paramref name="inputs"/> through every layer, in training
    /// or evaluation mode; returns the array whose first rows × <see cref="Classes"/> values are the outputs.</summary>
    public float[] Run(float[] inputs, int rows, bool training)
    {
        CheckRows(rows);
        var input = inputs;
        for (int i = 0; i < Kernels.Length; i++)
        {
            input = Kernels[i].Forward(input, rows, training);
            Outputs[i] = input;
        }
        return input;
    }

    /// <summary>As <see cref="Run"/> in evaluation mode, through each layer's <see cref="LayerKernels.Predict"/>.</summary>
    public float[] Predict(float[] inputs, int rows)
    {
        CheckRows(rows);
        var input = inputs;
        for (int i = 0; i < Kernels.Length; i++)
        {
            input = Kernels[i].Predict(input, rows);
            Outputs[i] = input;
        }
        return input;
    }

    private void CheckRows(int rows)
    {
        if (rows > MaxRows) throw new ArgumentOutOfRangeException(nameof(rows), $"{rows} rows exceed the {MaxRows} this pass was made for");
    }
}
