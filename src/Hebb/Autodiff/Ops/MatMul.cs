using Hebb.Tensors;
using Hebb.Tensors.Kernels;

namespace Hebb.Autodiff;

public static partial class Ops
{
    /// <summary>Matrix product of [m, k] and [k, n]. Backward: dA = dC·Bᵀ, dB = Aᵀ·dC, each computed
    /// straight into the gradient without forming a transpose, and only for operands that need it.</summary>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        if (a.Rank != 2 || b.Rank != 2 || a.Shape[1] != b.Shape[0])
            throw new ArgumentException($"MatMul: shapes {a.ShapeString} and {b.ShapeString} do not chain; expected [m, k] and [k, n]");
        int m = a.Shape[0], k = a.Shape[1], n = b.Shape[1];
        var output = Tensor.Zeros(m, n);
        Gemm.Product(MatrixLayout.AB, a.Data, b.Data, output.Data, m, k, n, accumulate: false);
        return Autograd.Record("MatMul", output, gradient =>
        {
            if (a.RequiresGrad) Gemm.Product(MatrixLayout.ABt, gradient.Data, b.Data, a.GradData(), m, n, k, accumulate: true);
            if (b.RequiresGrad) Gemm.Product(MatrixLayout.AtB, a.Data, gradient.Data, b.GradData(), k, m, n, accumulate: true);
        }, a, b);
    }
}
