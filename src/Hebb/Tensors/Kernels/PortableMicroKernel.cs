using System.Runtime.CompilerServices;
using System.Numerics;

namespace Hebb.Tensors.Kernels;

/// <summary>A 4×(2 vectors) tile of C with <see cref="Vector{T}"/>, for any processor .NET vectorises (ARM's NEON included).</summary>
// Every accumulator is a named local: the JIT keeps locals in registers, never the elements of an array.
internal readonly struct PortableMicroKernel : IMicroKernel
{
    public static int Rows => 4;
    public static int Columns => 2 * Vector<float>.Count;
    public static bool IsSupported => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(int depth, ref float a, int aStride, ref float b, int bStride, ref float c, int ldc, bool loadC)
    {
        Vector<float> c00, c01, c10, c11, c20, c21, c30, c31;
        if (loadC)
        {
            ref float row0 = ref c;
            c00 = Vector.LoadUnsafe(ref row0); c01 = Vector.LoadUnsafe(ref row0, (nuint)(1 * Vector<float>.Count));
            ref float row1 = ref Unsafe.Add(ref c, 1 * ldc);
            c10 = Vector.LoadUnsafe(ref row1); c11 = Vector.LoadUnsafe(ref row1, (nuint)(1 * Vector<float>.Count));
            ref float row2 = ref Unsafe.Add(ref c, 2 * ldc);
            c20 = Vector.LoadUnsafe(ref row2); c21 = Vector.LoadUnsafe(ref row2, (nuint)(1 * Vector<float>.Count));
            ref float row3 = ref Unsafe.Add(ref c, 3 * ldc);
            c30 = Vector.LoadUnsafe(ref row3); c31 = Vector.LoadUnsafe(ref row3, (nuint)(1 * Vector<float>.Count));
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector<float>.Zero;
        }
        for (int p = 0; p < depth; p++)
        {
            var b0 = Vector.LoadUnsafe(ref b);
            var b1 = Vector.LoadUnsafe(ref b, (nuint)(1 * Vector<float>.Count));
            var a0 = new Vector<float>(a);
            c00 = Vector.FusedMultiplyAdd(a0, b0, c00); c01 = Vector.FusedMultiplyAdd(a0, b1, c01);
            var a1 = new Vector<float>(Unsafe.Add(ref a, 1));
            c10 = Vector.FusedMultiplyAdd(a1, b0, c10); c11 = Vector.FusedMultiplyAdd(a1, b1, c11);
            var a2 = new Vector<float>(Unsafe.Add(ref a, 2));
            c20 = Vector.FusedMultiplyAdd(a2, b0, c20); c21 = Vector.FusedMultiplyAdd(a2, b1, c21);
            var a3 = new Vector<float>(Unsafe.Add(ref a, 3));
            c30 = Vector.FusedMultiplyAdd(a3, b0, c30); c31 = Vector.FusedMultiplyAdd(a3, b1, c31);
            a = ref Unsafe.Add(ref a, aStride);
            b = ref Unsafe.Add(ref b, bStride);
        }
        ref float out0 = ref c;
        c00.StoreUnsafe(ref out0); c01.StoreUnsafe(ref out0, (nuint)(1 * Vector<float>.Count));
        ref float out1 = ref Unsafe.Add(ref c, 1 * ldc);
        c10.StoreUnsafe(ref out1); c11.StoreUnsafe(ref out1, (nuint)(1 * Vector<float>.Count));
        ref float out2 = ref Unsafe.Add(ref c, 2 * ldc);
        c20.StoreUnsafe(ref out2); c21.StoreUnsafe(ref out2, (nuint)(1 * Vector<float>.Count));
        ref float out3 = ref Unsafe.Add(ref c, 3 * ldc);
        c30.StoreUnsafe(ref out3); c31.StoreUnsafe(ref out3, (nuint)(1 * Vector<float>.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyNarrow(int depth, ref float a, int aStride, ref float b, int bStride, ref float c, int ldc, bool loadC)
    {
        Vector<float> c00, c10, c20, c30;
        if (loadC)
        {
            ref float row0 = ref c;
            c00 = Vector.LoadUnsafe(ref row0);
            ref float row1 = ref Unsafe.Add(ref c, 1 * ldc);
            c10 = Vector.LoadUnsafe(ref row1);
            ref float row2 = ref Unsafe.Add(ref c, 2 * ldc);
            c20 = Vector.LoadUnsafe(ref row2);
            ref float row3 = ref Unsafe.Add(ref c, 3 * ldc);
            c30 = Vector.LoadUnsafe(ref row3);
        }
        else
        {
            c00 = c10 = c20 = c30 = Vector<float>.Zero;
        }
        for (int p = 0; p < depth; p++)
        {
            var b0 = Vector.LoadUnsafe(ref b);
            var a0 = new Vector<float>(a);
            c00 = Vector.FusedMultiplyAdd(a0, b0, c00);
            var a1 = new Vector<float>(Unsafe.Add(ref a, 1));
            c10 = Vector.FusedMultiplyAdd(a1, b0, c10);
            var a2 = new Vector<float>(Unsafe.Add(ref a, 2));
            c20 = Vector.FusedMultiplyAdd(a2, b0, c20);
            var a3 = new Vector<float>(Unsafe.Add(ref a, 3));
            c30 = Vector.FusedMultiplyAdd(a3, b0, c30);
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
    }
}
