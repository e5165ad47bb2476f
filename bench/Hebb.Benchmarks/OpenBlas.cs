using System.Reflection;
using System.Runtime.InteropServices;
using Hebb.Tensors.Kernels;

namespace Hebb.Benchmarks;

/// <summary>
/// The peer of Hebb's matrix product: <c>cblas_sgemm</c> of Debian's OpenBLAS OpenMP build
/// (<c>apt-get install -y libopenblas0-openmp</c>), the BLAS that bench/'s PyTorch runs with, called in the same
/// process so that BenchmarkDotNet measures both alike.
/// </summary>
public static unsafe partial class OpenBlas
{
    /// <summary>Where Debian installs the OpenMP build (its pthread build would fight the worker pool for cores).</summary>
    public const string LibraryPath = "/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0";

    private const string Library = "openblas";
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    static OpenBlas() => NativeLibrary.SetDllImportResolver(Assembly.GetExecutingAssembly(),
        (name, _, _) => name == Library ? NativeLibrary.Load(LibraryPath) : IntPtr.Zero);

    /// <summary>OpenBLAS's thread count for the products that follow.</summary>
    public static void SetThreadCount(int threads) => openblas_set_num_threads(threads);

    /// <summary>The product <see cref="Gemm.Product"/> computes, with the same row-major operands: C = op(A)·op(B),
    /// added to C when <paramref name="accumulate"/> (beta 1), else written over it (beta 0).</summary>
    public static void Product(MatrixLayout layout, float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate)
    {
        bool transposeA = layout == MatrixLayout.AtB, transposeB = layout == MatrixLayout.ABt;
        fixed (float* pa = a, pb = b, pc = c)
            cblas_sgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k, 1f,
                pa, transposeA ? m : k, pb, transposeB ? k : n, accumulate ? 1f : 0f, pc, n);
    }

    [LibraryImport(Library)]
    private static partial void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(Library)]
    private static partial void openblas_set_num_threads(int threads);
}
