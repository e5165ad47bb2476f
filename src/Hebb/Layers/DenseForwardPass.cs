namespace Hebb.Layers;

/// <summary>
/// The forward pass of a <see cref="Sequential"/> of dense layers into buffers made once for up to
/// <see cref="MaxRows"/> rows: evaluation and training pass batch after batch through it without allocating.
/// </summary>
internal sealed class DenseForwardPass
{
    private DenseForwardPass(Dense[] layers, int maxRows)
    {
        Layers = layers;
        Outputs = layers.Select(layer => new float[maxRows * layer.Outputs]).ToArray();
        MaxRows = maxRows;
    }

    public Dense[] Layers { get; }

    /// <summary>Each layer's output (its activation) for the rows of the last <see cref="Run"/>.</summary>
    public float[][] Outputs { get; }

    public int MaxRows { get; }

    public int Classes => Layers[^1].Outputs;

    /// <summary>The pass for <paramref name="model"/>, or null when it holds layers other than dense ones.</summary>
    public static DenseForwardPass? For(Sequential model, int maxRows)
    {
        var layers = model.Layers.OfType<Dense>().ToArray();
        return layers.Length == model.Layers.Count ? new DenseForwardPass(layers, maxRows) : null;
    }

    /// <summary>Runs the first <paramref name="rows"/> rows of <paramref name="inputs"/> through every layer;
    /// returns the last layer's buffer, whose first rows × <see cref="Classes"/> values are the outputs.</summary>
    public float[] Run(float[] inputs, int rows)
    {
        if (rows > MaxRows) throw new ArgumentOutOfRangeException(nameof(rows), $"{rows} rows exceed the {MaxRows} this pass was made for");
        var input = inputs;
        for (int i = 0; i < Layers.Length; i++)
        {
            DenseKernels.Forward(Layers[i], input, rows, Outputs[i]);
            input = Outputs[i];
        }
        return input;
    }
}
