using Hebb.Autodiff;

namespace Hebb.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise sum, the smaller operand broadcast over the larger (<see cref="Ops.Add"/>), as in <c>x * w + b</c>.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.Length >= b.Length ? Ops.Add(a, b) : Ops.Add(b, a);
    /// <summary>Element-wise difference, the smaller operand broadcast over the larger (<see cref="Ops.Subtract"/>).</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.Length >= b.Length ? Ops.Subtract(a, b) : Ops.Add(Ops.Negate(b), a);
    /// <summary>Element-wise product, the smaller operand broadcast over the larger; the matrix product is <see cref="Ops.MatMul"/>.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.Length >= b.Length ? Ops.Multiply(a, b) : Ops.Multiply(b, a);
    /// <summary>−x (<see cref="Ops.Negate"/>).</summary>
    public static Tensor operator -(Tensor x) => Ops.Negate(x);
    /// <summary>x scaled by <paramref name="factor"/> (<see cref="Ops.Scale"/>).</summary>
    public static Tensor operator *(Tensor x, float factor) => Ops.Scale(x, factor);
    /// <summary>x scaled by <paramref name="factor"/> (<see cref="Ops.Scale"/>).</summary>
    public static Tensor operator *(float factor, Tensor x) => Ops.Scale(x, factor);
    /// <summary><paramref name="constant"/> added to every element (<see cref="Ops.AddScalar"/>).</summary>
    public static Tensor operator +(Tensor x, float constant) => Ops.AddScalar(x, constant);
    /// <summary><paramref name="constant"/> subtracted from every element.</summary>
    public static Tensor operator -(Tensor x, float constant) => Ops.AddScalar(x, -constant);
}
