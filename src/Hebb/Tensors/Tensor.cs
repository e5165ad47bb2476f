namespace Hebb.Tensors;

/// <summary>
/// A dense float32 tensor, row-major, of any rank. A tensor that takes part in automatic
/// differentiation also carries its gradient and the node that produced it (see <c>Autodiff/</c>).
/// </summary>
public sealed partial class Tensor
{
    private readonly int[] shape;

    /// <summary>The elements in row-major order; its length is the product of the shape.</summary>
    public float[] Data { get; }

    /// <summary>The size of each dimension, e.g. [50, 784] for a batch of MNIST images; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape => shape;
    /// <summary>The number of dimensions: 0 for a scalar, 1 for a vector, 2 for a matrix.</summary>
    public int Rank => shape.Length;
    /// <summary>The number of elements, the product of <see cref="Shape"/>.</summary>
    public int Length => Data.Length;

    /// <summary>Wraps <paramref name="data"/> without copying it.</summary>
    public Tensor(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        foreach (var dimension in shape)
            if (dimension < 0)
                throw new ArgumentException($"shape {ShapeText(shape)} has a negative dimension");
        long count = ElementCount(shape);
        if (count != data.Length)
            throw new ArgumentException($"shape {ShapeText(shape)} holds {count} elements, the data has {data.Length}");
        Data = data;
        this.shape = (int[])shape.Clone();
    }

    /// <summary>The element at <paramref name="index"/>, one coordinate per dimension; reading or writing it is not recorded for backpropagation.</summary>
    /// <exception cref="ArgumentException">The index has the wrong number of coordinates.</exception>
    /// <exception cref="IndexOutOfRangeException">A coordinate lies outside its dimension.</exception>
    public float this[params int[] index]
    {
        get => Data[Offset(index)];
        set => Data[Offset(index)] = value;
    }

    /// <summary>Size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int Dim(int axis) => shape[NormalizeAxis(axis)];

    /// <summary>Number of rows of a rank-2 tensor, or of the leading dimension otherwise.</summary>
    public int Rows => shape.Length == 0 ? 1 : shape[0];

    /// <summary>Elements per leading index (the row length when viewed as a matrix).</summary>
    public int RowLength => shape.Length == 0 ? 1 : Length / Math.Max(1, shape[0]) ;

    /// <summary>A copy of <see cref="Shape"/> as an array, to make a tensor of the same shape.</summary>
    public int[] ShapeArray() => (int[])shape.Clone();

    /// <summary>The shape as text, <c>[50, 784]</c>, as error messages show it.</summary>
    public string ShapeString => ShapeText(shape);

    /// <summary>Row <paramref name="row"/> of the tensor viewed as [Rows, RowLength].</summary>
    public Span<float> RowSpan(int row) => Data.AsSpan(row * RowLength, RowLength);

    /// <summary>Whether <paramref name="other"/> has exactly this shape (same rank, same dimensions).</summary>
    public bool SameShape(Tensor other) => shape.AsSpan().SequenceEqual(other.shape);

    /// <summary>The shape and the first eight elements, <c>Tensor[2, 3][1, 2, 3, 4, 5, 6]</c>, for debugging.</summary>
    public override string ToString()
    {
        const int shown = 8;
        var head = string.Join(", ", Data.Take(shown).Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)));
        return $"Tensor{ShapeString}[{head}{(Length > shown ? ", …" : "")}]";
    }

    internal int NormalizeAxis(int axis)
    {
        int normalized = axis < 0 ? axis + shape.Length : axis;
        if (normalized < 0 || normalized >= shape.Length)
            throw new ArgumentOutOfRangeException(nameof(axis), $"axis {axis} is out of range for shape {ShapeString}");
        return normalized;
    }

    private int Offset(int[] index)
    {
        if (index.Length != shape.Length)
            throw new ArgumentException($"index of rank {index.Length} for a tensor of shape {ShapeString}");
        int offset = 0;
        for (int axis = 0; axis < shape.Length; axis++)
        {
            if ((uint)index[axis] >= (uint)shape[axis])
                throw new IndexOutOfRangeException($"index {index[axis]} on axis {axis} is out of range for shape {ShapeString}");
            offset = offset * shape[axis] + index[axis];
        }
        return offset;
    }

    internal static long ElementCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (var dimension in shape) count *= dimension;
        return count;
    }

    /// <summary><paramref name="shape"/> as text, <c>[50, 784]</c>.</summary>
    public static string ShapeText(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
