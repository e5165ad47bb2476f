using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Hebb.Tensors.Kernels;

/// <summary>A 6×16 tile of C in 12 AVX2 registers (of 16): per step of k, two loads of B, six broadcasts of A and twelve fused multiply-adds.</summary>
// Every accumulator is a named local: the JIT keeps locals in registers, never the elements of an array.
internal readonly struct Avx2MicroKernel : IMicroKernel
{
    public static int Rows => 6;
    public static int Columns => 16;
    public static bool IsSupported => Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(int depth, ref float a, int aStride, ref float b, int bStride, ref float c, int ldc, bool loadC)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (loadC)
        {
            ref float row0 = ref c;
            c00 = Vector256.LoadUnsafe(ref row0); c01 = Vector256.LoadUnsafe(ref row0, 8);
            ref float row1 = ref Unsafe.Add(ref c, 1 * ldc);
            c10 = Vector256.LoadUnsafe(ref row1); c11 = Vector256.LoadUnsafe(ref row1, 8);
            ref float row2 = ref Unsafe.Add(ref c, 2 * ldc);
            c20 = Vector256.LoadUnsafe(ref row2); c21 = Vector256.LoadUnsafe(ref row2, 8);
            ref float row3 = ref Unsafe.Add(ref c, 3 * ldc);
            c30 = Vector256.LoadUnsafe(ref row3); c31 = Vector256.LoadUnsafe(ref row3, 8);
            ref float row4 = ref Unsafe.Add(ref c, 4 * ldc);
            c40 = Vector256.LoadUnsafe(ref row4); c41 = Vector256.LoadUnsafe(ref row4, 8);
            ref float row5 = ref Unsafe.Add(ref c, 5 * ldc);
            c50 = Vector256.LoadUnsafe(ref row5); c51 = Vector256.LoadUnsafe(ref row5, 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector256<float>.Zero;
        }
        for (int p = 0; p < depth; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b);
            var b1 = Vector256.LoadUnsafe(ref b, 8);
            var a0 = Vector256.Create(a);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00); c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10); c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20); c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30); c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(Unsafe.Add(ref a, 4));
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40); c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(Unsafe.Add(ref a, 5));
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50); c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            a = ref Unsafe.Add(ref a, aStride);
            b = ref Unsafe.Add(ref b, bStride);
        }
        ref float out0 = ref c;
        c00.StoreUnsafe(ref out0); c01.StoreUnsafe(ref out0, 8);
        ref float out1 = ref Unsafe.Add(ref c, 1 * ldc);
        c10.StoreUnsafe(ref out1); c11.StoreUnsafe(ref out1, 8);
        ref float out2 = ref Unsafe.Add(ref c, 2 * ldc);
        c20.StoreUnsafe(ref out2); c21.StoreUnsafe(ref out2, 8);
        ref float out3 = ref Unsafe.Add(ref c, 3 * ldc);
        c30.StoreUnsafe(ref out3); c31.StoreUnsafe(ref out3, 8);
        ref float out4 = ref Unsafe.Add(ref c, 4 * ldc);
        c40.StoreUnsafe(ref out4); c41.StoreUnsafe(ref out4, 8);
        ref float out5 = ref Unsafe.Add(ref c, 5 * ldc);
        c50.StoreUnsafe(ref out5); c51.StoreUnsafe(ref out5, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyNarrow(int depth, ref float a, int aStride, ref float b, int bStride, ref float c, int ldc, bool loadC)
    {
        Vector256<float> c00, c10, c20, c30, c40, c50;
        if (loadC)
        {
            ref float row0 = ref c;
            c00 = Vector256.LoadUnsafe(ref row0);
            ref float row1 = ref Unsafe.Add(ref c, 1 * ldc);
            c10 = Vector256.LoadUnsafe(ref row1);
            ref float row2 = ref Unsafe.Add(ref c, 2 * ldc);
            c20 = Vector256.LoadUnsafe(ref row2);
            ref float row3 = ref Unsafe.Add(ref c, 3 * ldc);
            c30 = Vector256.LoadUnsafe(ref row3);
            ref float row4 = ref Unsafe.Add(ref c, 4 * ldc);
            c40 = Vector256.LoadUnsafe(ref row4);
            ref float row5 = ref Unsafe.Add(ref c, 5 * ldc);
            c50 = Vector256.LoadUnsafe(ref row5);
        }
        else
        {
            c00 = c10 = c20 = c30 = c40 = c50 = Vector256<float>.Zero;
        }
        for (int p = 0; p < depth; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b);
            var a0 = Vector256.Create(a);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            var a1 = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            var a2 = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            var a3 = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            var a4 = Vector256.Create(Unsafe.Add(ref a, 4));
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            var a5 = Vector256.Create(Unsafe.Add(ref a, 5));
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            a = ref Unsafe.Add(ref a, aStride);
            b = ref Unsafe.Add(ref b, bStride);
        }
        ref float out0 = ref c;
        c00.StoreUnsafe(ref out0);
        ref float out1 = ref Unsafe.Add(ref c, 1 * ldc);
        c10.StoreUnsafe(ref out1);
        ref float out2 = ref Unsafe.Add(ref c, 2 * ldc);
        c20.StoreUnsafe(ref out2);
        ref float out3 = ref Unsafe.Add(ref c, 3 * ldc);
        c30.StoreUnsafe(ref out3);
        ref float out4 = ref Unsafe.Add(ref c, 4 * ldc);
        c40.StoreUnsafe(ref out4);
        ref float out5 = ref Unsafe.Add(ref c, 5 * ldc);
        c50.StoreUnsafe(ref out5);
    }
}
