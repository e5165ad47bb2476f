namespace Hebb.Tensors.Kernels;

/// <summary>
/// Float32 matrix product C[m,n] = op(A)·op(B), or C += op(A)·op(B), on row-major arrays. Blocks of A and B
/// are packed into panels (which absorbs the transposed layouts), and a register-blocked micro-kernel for
/// the machine's widest vectors (AVX-512, AVX2 with FMA, or portable <see cref="System.Numerics.Vector{T}"/>)
/// computes each tile of C. Large products are split between threads by tiles of C, so every element
/// of C is summed by one thread in the same order whatever the thread count.
/// </summary>
public static class Gemm
{
    /// <summary>The instruction set of the micro-kernel this machine uses.</summary>
    public static string KernelName =>
        Avx512MicroKernel.IsSupported ? "AVX-512" : Avx2MicroKernel.IsSupported ? "AVX2+FMA" : $"Vector<float> ({System.Numerics.Vector<float>.Count} lanes)";

    /// <summary>C = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/>, with C [m, n] row-major and
    /// A and B stored as <paramref name="layout"/> says; uses up to <see cref="Parallelism.ThreadCount"/> threads.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative size.</exception>
    /// <exception cref="ArgumentException">An array shorter than its matrix.</exception>
    public static void Product(MatrixLayout layout, float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        CheckLength(a, (long)m * k, "A");
        CheckLength(b, (long)k * n, "B");
        CheckLength(c, (long)m * n, "C");
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) Array.Clear(c, 0, m * n);
            return;
        }
        if (Avx512MicroKernel.IsSupported) GemmDriver<Avx512MicroKernel>.Run(layout, a, b, c, m, k, n, accumulate);
        else if (Avx2MicroKernel.IsSupported) GemmDriver<Avx2MicroKernel>.Run(layout, a, b, c, m, k, n, accumulate);
        else GemmDriver<PortableMicroKernel>.Run(layout, a, b, c, m, k, n, accumulate);
    }

    /// <summary>The same product with a chosen micro-kernel, for tests and benchmarks of each instruction set.</summary>
    internal static void ProductWith<TKernel>(MatrixLayout layout, float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate)
        where TKernel : struct, IMicroKernel =>
        GemmDriver<TKernel>.Run(layout, a, b, c, m, k, n, accumulate);

    private static void CheckLength(float[] array, long needed, string name)
    {
        if (array.Length < needed)
            throw new ArgumentException($"matrix {name} holds {array.Length} elements, the product needs {needed}");
    }
}
