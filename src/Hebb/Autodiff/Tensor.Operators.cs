using Hebb.Autodiff;

namespace Hebb.Tensors;

public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => a.Length >= b.Length ? Ops.Add(a, b) : Ops.Add(b, a);
    public static Tensor operator -(Tensor a, Tensor b) => a.Length >= b.Length ? Ops.Subtract(a, b) : Ops.Add(Ops.Negate(b), a);
    public static Tensor operator *(Tensor a, Tensor b) => a.Length >= b.Length ? Ops.Multiply(a, b) : Ops.Multiply(b, a);
    public static Tensor operator -(Tensor x) => Ops.Negate(x);
    public static Tensor operator *(Tensor x, float factor) => Ops.Scale(x, factor);
    public static Tensor operator *(float factor, Tensor x) => Ops.Scale(x, factor);
    public static Tensor operator +(Tensor x, float constant) => Ops.AddScalar(x, constant);
    public static Tensor operator -(Tensor x, float constant) => Ops.AddScalar(x, -constant);
}
