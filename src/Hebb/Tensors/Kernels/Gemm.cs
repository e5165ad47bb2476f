using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hebb.Tensors.Kernels;

/// <summary>
/// Float32 matrix product C[m,n] = op(A)·op(B), or C += op(A)·op(B), on row-major arrays. The kernels
/// are register-blocked (4 rows of C at a time, two vectors wide), blocked over k so that a strip of B
/// stays in L1 while every row block of A passes over it, and split over rows between threads.
/// </summary>
public static class Gemm
{
    private const int RowBlock = 4;
    private const int DepthBlock = 256;
    private static readonly int Lanes = Vector<float>.Count;

    public static void Product(MatrixLayout layout, float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate)
    {
        CheckLength(a, (long)m * k, "A");
        CheckLength(b, (long)k * n, "B");
        CheckLength(c, (long)m * n, "C");
        long work = (long)m * n * k;
        Parallelism.ForRanges(m, RowBlock, work, (rowStart, rowEnd) =>
        {
            if (!accumulate) Array.Clear(c, rowStart * n, (rowEnd - rowStart) * n);
            if (layout == MatrixLayout.ABt)
                DotRows(a, b, c, rowStart, rowEnd, k, n);
            else
            {
                // Element (i, p) of op(A) sits at i*rowStride + p*depthStride.
                int rowStride = layout == MatrixLayout.AB ? k : 1;
                int depthStride = layout == MatrixLayout.AB ? 1 : m;
                AxpyRows(a, b, c, rowStart, rowEnd, k, n, rowStride, depthStride);
            }
        });
    }

    /// <summary>C[i, :] += Σ_p A(i, p)·B[p, :], with B read along its rows.</summary>
    private static void AxpyRows(float[] a, float[] b, float[] c, int rowStart, int rowEnd, int k, int n, int rowStride, int depthStride)
    {
        int stripWidth = 2 * Lanes;
        for (int depthStart = 0; depthStart < k; depthStart += DepthBlock)
        {
            int depthEnd = Math.Min(k, depthStart + DepthBlock);
            int column = 0;
            for (; column + stripWidth <= n; column += stripWidth)
            {
                int row = rowStart;
                for (; row + RowBlock <= rowEnd; row += RowBlock)
                    Kernel4x2(a, b, c, row, column, depthStart, depthEnd, n, rowStride, depthStride);
                for (; row < rowEnd; row++)
                    Kernel1x2(a, b, c, row, column, depthStart, depthEnd, n, rowStride, depthStride);
            }
            for (int row = rowStart; row < rowEnd; row++)
                for (int tail = column; tail < n; tail++)
                {
                    float sum = c[row * n + tail];
                    for (int p = depthStart; p < depthEnd; p++)
                        sum += a[row * rowStride + p * depthStride] * b[p * n + tail];
                    c[row * n + tail] = sum;
                }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel4x2(float[] a, float[] b, float[] c, int row, int column, int depthStart, int depthEnd, int n, int rowStride, int depthStride)
    {
        ref float cRef = ref MemoryMarshal.GetArrayDataReference(c);
        ref float bRef = ref MemoryMarshal.GetArrayDataReference(b);
        ref float aRef = ref MemoryMarshal.GetArrayDataReference(a);
        int lanes = Lanes;
        int c0 = row * n + column, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        var acc00 = LoadAt(ref cRef, c0); var acc01 = LoadAt(ref cRef, c0 + lanes);
        var acc10 = LoadAt(ref cRef, c1); var acc11 = LoadAt(ref cRef, c1 + lanes);
        var acc20 = LoadAt(ref cRef, c2); var acc21 = LoadAt(ref cRef, c2 + lanes);
        var acc30 = LoadAt(ref cRef, c3); var acc31 = LoadAt(ref cRef, c3 + lanes);
        int aOffset = row * rowStride + depthStart * depthStride;
        int bOffset = depthStart * n + column;
        for (int p = depthStart; p < depthEnd; p++, aOffset += depthStride, bOffset += n)
        {
            var b0 = LoadAt(ref bRef, bOffset);
            var b1 = LoadAt(ref bRef, bOffset + lanes);
            var a0 = new Vector<float>(Unsafe.Add(ref aRef, aOffset));
            var a1 = new Vector<float>(Unsafe.Add(ref aRef, aOffset + rowStride));
            var a2 = new Vector<float>(Unsafe.Add(ref aRef, aOffset + 2 * rowStride));
            var a3 = new Vector<float>(Unsafe.Add(ref aRef, aOffset + 3 * rowStride));
            acc00 = Vector.FusedMultiplyAdd(a0, b0, acc00); acc01 = Vector.FusedMultiplyAdd(a0, b1, acc01);
            acc10 = Vector.FusedMultiplyAdd(a1, b0, acc10); acc11 = Vector.FusedMultiplyAdd(a1, b1, acc11);
            acc20 = Vector.FusedMultiplyAdd(a2, b0, acc20); acc21 = Vector.FusedMultiplyAdd(a2, b1, acc21);
            acc30 = Vector.FusedMultiplyAdd(a3, b0, acc30); acc31 = Vector.FusedMultiplyAdd(a3, b1, acc31);
        }
        StoreAt(acc00, ref cRef, c0); StoreAt(acc01, ref cRef, c0 + lanes);
        StoreAt(acc10, ref cRef, c1); StoreAt(acc11, ref cRef, c1 + lanes);
        StoreAt(acc20, ref cRef, c2); StoreAt(acc21, ref cRef, c2 + lanes);
        StoreAt(acc30, ref cRef, c3); StoreAt(acc31, ref cRef, c3 + lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel1x2(float[] a, float[] b, float[] c, int row, int column, int depthStart, int depthEnd, int n, int rowStride, int depthStride)
    {
        ref float cRef = ref MemoryMarshal.GetArrayDataReference(c);
        ref float bRef = ref MemoryMarshal.GetArrayDataReference(b);
        int lanes = Lanes;
        int c0 = row * n + column;
        var acc0 = LoadAt(ref cRef, c0);
        var acc1 = LoadAt(ref cRef, c0 + lanes);
        int aOffset = row * rowStride + depthStart * depthStride;
        int bOffset = depthStart * n + column;
        for (int p = depthStart; p < depthEnd; p++, aOffset += depthStride, bOffset += n)
        {
            var a0 = new Vector<float>(a[aOffset]);
            acc0 = Vector.FusedMultiplyAdd(a0, LoadAt(ref bRef, bOffset), acc0);
            acc1 = Vector.FusedMultiplyAdd(a0, LoadAt(ref bRef, bOffset + lanes), acc1);
        }
        StoreAt(acc0, ref cRef, c0);
        StoreAt(acc1, ref cRef, c0 + lanes);
    }

    /// <summary>C[i, j] += A[i, :]·B[j, :] — both operands read along contiguous rows.</summary>
    private static void DotRows(float[] a, float[] b, float[] c, int rowStart, int rowEnd, int k, int n)
    {
        ref float aRef = ref MemoryMarshal.GetArrayDataReference(a);
        ref float bRef = ref MemoryMarshal.GetArrayDataReference(b);
        int lanes = Lanes;
        int vectorDepth = k - k % lanes;
        for (int row = rowStart; row < rowEnd; row++)
        {
            int aRow = row * k;
            int column = 0;
            for (; column + 2 <= n; column += 2)
            {
                int b0Row = column * k, b1Row = b0Row + k;
                var sum0 = Vector<float>.Zero;
                var sum1 = Vector<float>.Zero;
                for (int p = 0; p < vectorDepth; p += lanes)
                {
                    var av = LoadAt(ref aRef, aRow + p);
                    sum0 = Vector.FusedMultiplyAdd(av, LoadAt(ref bRef, b0Row + p), sum0);
                    sum1 = Vector.FusedMultiplyAdd(av, LoadAt(ref bRef, b1Row + p), sum1);
                }
                float dot0 = Vector.Sum(sum0), dot1 = Vector.Sum(sum1);
                for (int p = vectorDepth; p < k; p++)
                {
                    dot0 += a[aRow + p] * b[b0Row + p];
                    dot1 += a[aRow + p] * b[b1Row + p];
                }
                c[row * n + column] += dot0;
                c[row * n + column + 1] += dot1;
            }
            for (; column < n; column++)
            {
                int bRow = column * k;
                var sum = Vector<float>.Zero;
                for (int p = 0; p < vectorDepth; p += lanes)
                    sum = Vector.FusedMultiplyAdd(LoadAt(ref aRef, aRow + p), LoadAt(ref bRef, bRow + p), sum);
                float dot = Vector.Sum(sum);
                for (int p = vectorDepth; p < k; p++) dot += a[aRow + p] * b[bRow + p];
                c[row * n + column] += dot;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> LoadAt(ref float origin, int offset) =>
        Vector.LoadUnsafe(ref origin, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreAt(Vector<float> value, ref float origin, int offset) =>
        value.StoreUnsafe(ref origin, (nuint)offset);

    private static void CheckLength(float[] array, long needed, string name)
    {
        if (array.Length < needed)
            throw new ArgumentException($"matrix {name} holds {array.Length} elements, the product needs {needed}");
    }
}
