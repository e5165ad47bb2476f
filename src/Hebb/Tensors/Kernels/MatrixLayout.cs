namespace Hebb.Tensors.Kernels;

/// <summary>Which operands of a matrix product are read transposed. Backpropagation through
/// <c>Z = X·W</c> needs all three: the forward pass, <c>dW = Xᵀ·dZ</c> and <c>dX = dZ·Wᵀ</c>.</summary>
public enum MatrixLayout
{
    /// <summary>C = A·B with A [m,k] and B [k,n].</summary>
    AB,
    /// <summary>C = Aᵀ·B with A stored [k,m] and B [k,n].</summary>
    AtB,
    /// <summary>C = A·Bᵀ with A [m,k] and B stored [n,k].</summary>
    ABt,
}
