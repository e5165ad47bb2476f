using Hebb.Tensors;

namespace Hebb.Autodiff;

/// <summary>
/// The broadcasting Hebb's binary operations allow: the second operand's shape equals the first's, or is
/// a suffix of it (a bias [n] added to every row of [batch, n]). The first operand is then seen as
/// <see cref="Blocks"/> consecutive blocks, each the size of the second.
/// </summary>
internal readonly record struct Broadcast(int Blocks, int BlockLength)
{
    public static Broadcast Of(Tensor a, Tensor b, string operation)
    {
        var aShape = a.Shape;
        var bShape = b.Shape;
        bool suffix = bShape.Count <= aShape.Count;
        for (int i = 1; suffix && i <= bShape.Count; i++)
            suffix = aShape[^i] == bShape[^i];
        if (!suffix)
            throw new ArgumentException($"{operation}: shapes {a.ShapeString} and {b.ShapeString} do not match; the second must equal the first or a suffix of it");
        return new Broadcast(b.Length == 0 ? 0 : a.Length / b.Length, b.Length);
    }

    /// <summary>Sums the blocks of <paramref name="full"/> into <paramref name="destination"/> (the gradient of the broadcast operand).</summary>
    public void SumBlocks(ReadOnlySpan<float> full, Span<float> destination)
    {
        for (int block = 0; block < Blocks; block++)
            TensorPrimitives.Add(destination, full.Slice(block * BlockLength, BlockLength), destination);
    }
}
