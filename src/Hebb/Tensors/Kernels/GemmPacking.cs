using System.Runtime.CompilerServices;
namespace Hebb.Tensors.Kernels;

/// <summary>
/// Copies blocks of A and B into the order the micro-kernel reads them: A in panels of <c>rows</c> values
/// per step of k, B in panels of <c>columns</c> values per step, both zero-padded at the edges. Packing
/// is where the transposed layouts are absorbed, so no transpose is ever formed.
/// </summary>
internal static class GemmPacking
{
    /// <summary>Packs A(i, p) for i in [rowStart, rowEnd), p in [depthStart, depthStart + depth).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(MatrixLayout layout, float[] a, int m, int k, int rowStart, int rowEnd, int depthStart, int depth, int rows, Span<float> packed)
    {
        int panels = (rowEnd - rowStart + rows - 1) / rows;
        for (int panel = 0; panel < panels; panel++)
        {
            int firstRow = rowStart + panel * rows;
            int validRows = Math.Min(rows, rowEnd - firstRow);
            var destination = packed.Slice(panel * depth * rows, depth * rows);
            if (validRows < rows) destination.Clear();
            if (layout == MatrixLayout.AtB)
            {
                // A is stored [k, m]: the rows of a panel lie side by side at each step of k.
                for (int p = 0; p < depth; p++)
                    a.AsSpan((depthStart + p) * m + firstRow, validRows).CopyTo(destination.Slice(p * rows));
            }
            else
            {
                for (int r = 0; r < validRows; r++)
                {
                    var source = a.AsSpan((firstRow + r) * k + depthStart, depth);
                    for (int p = 0; p < depth; p++) destination[p * rows + r] = source[p];
                }
            }
        }
    }

    /// <summary>Packs B(p, j) for p in [depthStart, depthStart + depth), j in [columnStart, columnEnd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(MatrixLayout layout, float[] b, int k, int n, int depthStart, int depth, int columnStart, int columnEnd, int columns, Span<float> packed)
    {
        int panels = (columnEnd - columnStart + columns - 1) / columns;
        for (int panel = 0; panel < panels; panel++)
        {
            int firstColumn = columnStart + panel * columns;
            int validColumns = Math.Min(columns, columnEnd - firstColumn);
            var destination = packed.Slice(panel * depth * columns, depth * columns);
            if (validColumns < columns) destination.Clear();
            if (layout == MatrixLayout.ABt)
            {
                // B is stored [n, k]: each column of the panel is a contiguous row of storage.
                for (int j = 0; j < validColumns; j++)
                {
                    var source = b.AsSpan((firstColumn + j) * k + depthStart, depth);
                    for (int p = 0; p < depth; p++) destination[p * columns + j] = source[p];
                }
            }
            else
            {
                for (int p = 0; p < depth; p++)
                    b.AsSpan((depthStart + p) * n + firstColumn, validColumns).CopyTo(destination.Slice(p * columns));
            }
        }
    }
}
