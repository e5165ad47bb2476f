namespace Hebb.Tensors;

public sealed partial class Tensor
{
    /// <summary>A new tensor of <paramref name="shape"/> filled with 0; no shape gives a scalar.</summary>
    /// <exception cref="ArgumentException">A negative dimension, or more elements than an array can hold.</exception>
    public static Tensor Zeros(params int[] shape) => new(new float[CheckedCount(shape)], shape);

    /// <summary>A new tensor of <paramref name="shape"/> filled with 1.</summary>
    /// <exception cref="ArgumentException">A negative dimension, or more elements than an array can hold.</exception>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>A new tensor of <paramref name="shape"/> with every element <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">A negative dimension, or more elements than an array can hold.</exception>
    public static Tensor Full(float value, params int[] shape)
    {
        var data = new float[CheckedCount(shape)];
        Array.Fill(data, value);
        return new Tensor(data, shape);
    }

    /// <summary>A rank-0 tensor (shape []) holding <paramref name="value"/>, as losses return.</summary>
    public static Tensor Scalar(float value) => new([value]);

    /// <summary>A rank-1 tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor FromArray(float[] values) => new((float[])values.Clone(), values.Length);

    /// <summary>A rank-2 tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor FromArray(float[,] values)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var data = new float[rows * columns];
        for (int row = 0; row < rows; row++)
            for (int column = 0; column < columns; column++)
                data[row * columns + column] = values[row, column];
        return new Tensor(data, rows, columns);
    }

    /// <summary>A copy of <paramref name="values"/> with the given shape.</summary>
    public static Tensor FromArray(float[] values, params int[] shape) => new((float[])values.Clone(), shape);

    /// <summary>Normal distribution N(mean, stddev²).</summary>
    public static Tensor RandomNormal(SeededRandom random, float mean, float stddev, params int[] shape)
    {
        var data = new float[CheckedCount(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = mean + stddev * (float)random.NextNormal();
        return new Tensor(data, shape);
    }

    /// <summary>Uniform distribution on [low, high).</summary>
    public static Tensor RandomUniform(SeededRandom random, float low, float high, params int[] shape)
    {
        var data = new float[CheckedCount(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = low + (high - low) * (float)random.NextDouble();
        return new Tensor(data, shape);
    }

    /// <summary>
    /// Normal distribution N(mean, stddev²) with every draw beyond two standard deviations redrawn, as
    /// TensorFlow's <c>truncated_normal</c> does: it keeps initial weights away from extremes.
    /// </summary>
    public static Tensor TruncatedNormal(SeededRandom random, float mean, float stddev, params int[] shape)
    {
        var data = new float[CheckedCount(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = mean + stddev * (float)random.NextTruncatedNormal();
        return new Tensor(data, shape);
    }

    /// <summary>A copy of the elements and shape, with no gradient and no place in the autodiff graph.</summary>
    public Tensor Clone() => new((float[])Data.Clone(), shape);

    private static int CheckedCount(int[] shape)
    {
        long count = ElementCount(shape);
        if (count > Array.MaxLength)
            throw new ArgumentException($"shape {ShapeText(shape)} holds {count} elements, more than an array can");
        return (int)count;
    }
}
