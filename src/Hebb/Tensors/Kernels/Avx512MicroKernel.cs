using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Hebb.Tensors.Kernels;

/// <summary>A 10×32 tile of C in 20 AVX-512 registers: per step of k, two loads of B, ten broadcasts of A and twenty fused multiply-adds.</summary>
// Every accumulator is a named local: the JIT keeps locals in registers, never the elements of an array.
internal readonly struct Avx512MicroKernel : IMicroKernel
{
    public static int Rows => 10;
    public static int Columns => 32;
    public static bool IsSupported => Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx512F.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(int depth, ref float a, int aStride, ref float b, int bStride, ref float c, int ldc, bool loadC)
    {
        Vector512<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71, c80, c81, c90, c91;
        if (loadC)
        {
            ref float row0 = ref c;
            c00 = Vector512.LoadUnsafe(ref row0); c01 = Vector512.LoadUnsafe(ref row0, 16);
            ref float row1 = ref Unsafe.Add(ref c, 1 * ldc);
            c10 = Vector512.LoadUnsafe(ref row1); c11 = Vector512.LoadUnsafe(ref row1, 16);
            ref float row2 = ref Unsafe.Add(ref c, 2 * ldc);
            c20 = Vector512.LoadUnsafe(ref row2); c21 = Vector512.LoadUnsafe(ref row2, 16);
            ref float row3 = ref Unsafe.Add(ref c, 3 * ldc);
            c30 = Vector512.LoadUnsafe(ref row3); c31 = Vector512.LoadUnsafe(ref row3, 16);
            ref float row4 = ref Unsafe.Add(ref c, 4 * ldc);
            c40 = Vector512.LoadUnsafe(ref row4); c41 = Vector512.LoadUnsafe(ref row4, 16);
            ref float row5 = ref Unsafe.Add(ref c, 5 * ldc);
            c50 = Vector512.LoadUnsafe(ref row5); c51 = Vector512.LoadUnsafe(ref row5, 16);
            ref float row6 = ref Unsafe.Add(ref c, 6 * ldc);
            c60 = Vector512.LoadUnsafe(ref row6); c61 = Vector512.LoadUnsafe(ref row6, 16);
            ref float row7 = ref Unsafe.Add(ref c, 7 * ldc);
            c70 = Vector512.LoadUnsafe(ref row7); c71 = Vector512.LoadUnsafe(ref row7, 16);
            ref float row8 = ref Unsafe.Add(ref c, 8 * ldc);
            c80 = Vector512.LoadUnsafe(ref row8); c81 = Vector512.LoadUnsafe(ref row8, 16);
            ref float row9 = ref Unsafe.Add(ref c, 9 * ldc);
            c90 = Vector512.LoadUnsafe(ref row9); c91 = Vector512.LoadUnsafe(ref row9, 16);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = c80 = c81 = c90 = c91 = Vector512<float>.Zero;
        }
        for (int p = 0; p < depth; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b);
            var b1 = Vector512.LoadUnsafe(ref b, 16);
            var a0 = Vector512.Create(a);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(Unsafe.Add(ref a, 4));
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40); c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(Unsafe.Add(ref a, 5));
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50); c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(Unsafe.Add(ref a, 6));
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60); c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(Unsafe.Add(ref a, 7));
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70); c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            var a8 = Vector512.Create(Unsafe.Add(ref a, 8));
            c80 = Vector512.FusedMultiplyAdd(a8, b0, c80); c81 = Vector512.FusedMultiplyAdd(a8, b1, c81);
            var a9 = Vector512.Create(Unsafe.Add(ref a, 9));
            c90 = Vector512.FusedMultiplyAdd(a9, b0, c90); c91 = Vector512.FusedMultiplyAdd(a9, b1, c91);
            a = ref Unsafe.Add(ref a, aStride);
            b = ref Unsafe.Add(ref b, bStride);
        }
        ref float out0 = ref c;
        c00.StoreUnsafe(ref out0); c01.StoreUnsafe(ref out0, 16);
        ref float out1 = ref Unsafe.Add(ref c, 1 * ldc);
        c10.StoreUnsafe(ref out1); c11.StoreUnsafe(ref out1, 16);
        ref float out2 = ref Unsafe.Add(ref c, 2 * ldc);
        c20.StoreUnsafe(ref out2); c21.StoreUnsafe(ref out2, 16);
        ref float out3 = ref Unsafe.Add(ref c, 3 * ldc);
        c30.StoreUnsafe(ref out3); c31.StoreUnsafe(ref out3, 16);
        ref float out4 = ref Unsafe.Add(ref c, 4 * ldc);
        c40.StoreUnsafe(ref out4); c41.StoreUnsafe(ref out4, 16);
        ref float out5 = ref Unsafe.Add(ref c, 5 * ldc);
        c50.StoreUnsafe(ref out5); c51.StoreUnsafe(ref out5, 16);
        ref float out6 = ref Unsafe.Add(ref c, 6 * ldc);
        c60.StoreUnsafe(ref out6); c61.StoreUnsafe(ref out6, 16);
        ref float out7 = ref Unsafe.Add(ref c, 7 * ldc);
        c70.StoreUnsafe(ref out7); c71.StoreUnsafe(ref out7, 16);
        ref float out8 = ref Unsafe.Add(ref c, 8 * ldc);
        c80.StoreUnsafe(ref out8); c81.StoreUnsafe(ref out8, 16);
        ref float out9 = ref Unsafe.Add(ref c, 9 * ldc);
        c90.StoreUnsafe(ref out9); c91.StoreUnsafe(ref out9, 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyNarrow(int depth, ref float a, int aStride, ref float b, int bStride, ref float c, int ldc, bool loadC)
    {
        Vector512<float> c00, c10, c20, c30, c40, c50, c60, c70, c80, c90;
        if (loadC)
        {
            ref float row0 = ref c;
            c00 = Vector512.LoadUnsafe(ref row0);
            ref float row1 = ref Unsafe.Add(ref c, 1 * ldc);
            c10 = Vector512.LoadUnsafe(ref row1);
            ref float row2 = ref Unsafe.Add(ref c, 2 * ldc);
            c20 = Vector512.LoadUnsafe(ref row2);
            ref float row3 = ref Unsafe.Add(ref c, 3 * ldc);
            c30 = Vector512.LoadUnsafe(ref row3);
            ref float row4 = ref Unsafe.Add(ref c, 4 * ldc);
            c40 = Vector512.LoadUnsafe(ref row4);
            ref float row5 = ref Unsafe.Add(ref c, 5 * ldc);
            c50 = Vector512.LoadUnsafe(ref row5);
            ref float row6 = ref Unsafe.Add(ref c, 6 * ldc);
            c60 = Vector512.LoadUnsafe(ref row6);
            ref float row7 = ref Unsafe.Add(ref c, 7 * ldc);
            c70 = Vector512.LoadUnsafe(ref row7);
            ref float row8 = ref Unsafe.Add(ref c, 8 * ldc);
            c80 = Vector512.LoadUnsafe(ref row8);
            ref float row9 = ref Unsafe.Add(ref c, 9 * ldc);
            c90 = Vector512.LoadUnsafe(ref row9);
        }
        else
        {
            c00 = c10 = c20 = c30 = c40 = c50 = c60 = c70 = c80 = c90 = Vector512<float>.Zero;
        }
        for (int p = 0; p < depth; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b);
            var a0 = Vector512.Create(a);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            var a1 = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            var a2 = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            var a3 = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            var a4 = Vector512.Create(Unsafe.Add(ref a, 4));
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            var a5 = Vector512.Create(Unsafe.Add(ref a, 5));
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            var a6 = Vector512.Create(Unsafe.Add(ref a, 6));
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            var a7 = Vector512.Create(Unsafe.Add(ref a, 7));
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            var a8 = Vector512.Create(Unsafe.Add(ref a, 8));
            c80 = Vector512.FusedMultiplyAdd(a8, b0, c80);
            var a9 = Vector512.Create(Unsafe.Add(ref a, 9));
            c90 = Vector512.FusedMultiplyAdd(a9, b0, c90);
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
        ref float out6 = ref Unsafe.Add(ref c, 6 * ldc);
        c60.StoreUnsafe(ref out6);
        ref float out7 = ref Unsafe.Add(ref c, 7 * ldc);
        c70.StoreUnsafe(ref out7);
        ref float out8 = ref Unsafe.Add(ref c, 8 * ldc);
        c80.StoreUnsafe(ref out8);
        ref float out9 = ref Unsafe.Add(ref c, 9 * ldc);
        c90.StoreUnsafe(ref out9);
    }
}
