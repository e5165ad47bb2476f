using Hebb.Tensors;

namespace Hebb.Autodiff;

/// <summary>Operations that rearrange elements without computing on them.</summary>
public static partial class Ops
{
    /// <summary>Same elements, new shape; one dimension may be -1 and is then inferred.</summary>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        var resolved = (int[])shape.Clone();
        int inferred = Array.IndexOf(resolved, -1);
        if (inferred >= 0 && Array.LastIndexOf(resolved, -1) != inferred)
            throw new ArgumentException($"Reshape: shape {Tensor.ShapeText(shape)} has more than one -1");
        if (inferred >= 0)
        {
            long known = 1;
            for (int i = 0; i < resolved.Length; i++) if (i != inferred) known *= resolved[i];
            if (known == 0 || x.Length % known != 0)
                throw new ArgumentException($"Reshape: cannot reshape {x.ShapeString} to {Tensor.ShapeText(shape)}");
            resolved[inferred] = (int)(x.Length / known);
        }
        if (Tensor.ElementCount(resolved) != x.Length)
            throw new ArgumentException($"Reshape: cannot reshape {x.ShapeString} ({x.Length} elements) to {Tensor.ShapeText(shape)}");
        var output = new Tensor((float[])x.Data.Clone(), resolved);
        return Autograd.Record("Reshape", output, gradient => x.AccumulateGrad(gradient.Data), x);
    }

    /// <summary>Transpose of a matrix.</summary>
    public static Tensor Transpose(Tensor x)
    {
        if (x.Rank != 2) throw new ArgumentException($"Transpose: expected a matrix, got shape {x.ShapeString}");
        int rows = x.Shape[0], columns = x.Shape[1];
        var output = Tensor.Zeros(columns, rows);
        TransposeInto(x.Data, output.Data, rows, columns);
        return Autograd.Record("Transpose", output, gradient =>
        {
            var transposed = new float[x.Length];
            TransposeInto(gradient.Data, transposed, columns, rows);
            x.AccumulateGrad(transposed);
        }, x);
    }

    /// <summary>Rows [start, start + count) of a tensor, along its first axis.</summary>
    public static Tensor SliceRows(Tensor x, int start, int count)
    {
        if (x.Rank == 0 || start < 0 || count < 0 || start + count > x.Shape[0])
            throw new ArgumentOutOfRangeException(nameof(start), $"SliceRows: rows [{start}, {start + count}) are outside shape {x.ShapeString}");
        var shape = x.ShapeArray();
        shape[0] = count;
        int rowLength = x.RowLength;
        var output = new Tensor(x.Data.AsSpan(start * rowLength, count * rowLength).ToArray(), shape);
        return Autograd.Record("SliceRows", output, gradient =>
        {
            var target = x.GradData().AsSpan(start * rowLength, count * rowLength);
            TensorPrimitives.Add(target, gradient.Data, target);
        }, x);
    }

    private static void TransposeInto(float[] source, float[] destination, int rows, int columns)
    {
        for (int row = 0; row < rows; row++)
            for (int column = 0; column < columns; column++)
                destination[column * rows + row] = source[row * columns + column];
    }
}
