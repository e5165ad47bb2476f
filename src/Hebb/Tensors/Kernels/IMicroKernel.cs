namespace Hebb.Tensors.Kernels;

/// <summary>
/// The innermost piece of the matrix product: a <see cref="Rows"/>×<see cref="Columns"/> tile of C kept in
/// registers while it takes in <c>depth</c> steps of packed A (Rows values per step) and packed B (Columns
/// values per step). One implementation per instruction set; the driver in <see cref="Gemm"/> is shared.
/// </summary>
internal interface IMicroKernel
{
    static abstract int Rows { get; }
    static abstract int Columns { get; }
    static abstract bool IsSupported { get; }

    /// <summary>
    /// C[r, j] = (loadC ? C[r, j] : 0) + Σ_p a[p·aStride + r·aRowStride] · b[p·bStride + j] for r &lt; Rows, j &lt; Columns,
    /// with C's rows <paramref name="ldc"/> apart. A packed panel has aStride = Rows, aRowStride = 1 and
    /// bStride = Columns; a panel read where it lies has the strides of its matrix.
    /// </summary>
    static abstract void Multiply(int depth, ref float a, int aStride, int aRowStride, ref float b, int bStride, ref float c, int ldc, bool loadC);

    /// <summary>The same for the first Columns / 2 columns only: the last panel of a matrix whose width leaves
    /// a narrow remainder (n = 100 leaves 4 columns) then costs half a panel, not a whole one.</summary>
    static abstract void MultiplyNarrow(int depth, ref float a, int aStride, int aRowStride, ref float b, int bStride, ref float c, int ldc, bool loadC);

    /// <summary>The same for the first (Rows + 1) / 2 rows only: the last panel of a matrix whose height leaves a
    /// short remainder (m = 128 leaves 2 rows of 6) then costs half a panel, not a whole one.</summary>
    static abstract void MultiplyShort(int depth, ref float a, int aStride, int aRowStride, ref float b, int bStride, ref float c, int ldc, bool loadC);
}
