using Hebb.Tensors;

namespace Hebb.Autodiff;

/// <summary>Element-wise arithmetic with suffix broadcasting (see <see cref="Broadcast"/>).</summary>
public static partial class Ops
{
    /// <summary>a + b, element by element; <paramref name="b"/>'s shape must equal <paramref name="a"/>'s or be a suffix of it (a bias [n] against [batch, n]). The result has a's shape.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor Add(Tensor a, Tensor b)
    {
        var (output, broadcast) = Elementwise(a, b, "Add", TensorPrimitives.Add);
        return Autograd.Record("Add", output, gradient =>
        {
            if (a.RequiresGrad) a.AccumulateGrad(gradient.Data);
            if (b.RequiresGrad) broadcast.SumBlocks(gradient.Data, b.GradData());
        }, a, b);
    }

    /// <summary>a − b, element by element; <paramref name="b"/>'s shape must equal <paramref name="a"/>'s or be a suffix of it (a bias [n] against [batch, n]). The result has a's shape.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor Subtract(Tensor a, Tensor b)
    {
        var (output, broadcast) = Elementwise(a, b, "Subtract", TensorPrimitives.Subtract);
        return Autograd.Record("Subtract", output, gradient =>
        {
            if (a.RequiresGrad) a.AccumulateGrad(gradient.Data);
            if (b.RequiresGrad)
            {
                var sum = new float[b.Length];
                broadcast.SumBlocks(gradient.Data, sum);
                TensorPrimitives.Subtract(b.GradData(), sum, b.GradData());
            }
        }, a, b);
    }

    /// <summary>a · b, element by element (the Hadamard product); <paramref name="b"/>'s shape must equal <paramref name="a"/>'s or be a suffix of it (a bias [n] against [batch, n]). The result has a's shape.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static Tensor Multiply(Tensor a, Tensor b)
    {
        var (output, broadcast) = Elementwise(a, b, "Multiply", TensorPrimitives.Multiply);
        return Autograd.Record("Multiply", output, gradient =>
        {
            var product = new float[broadcast.BlockLength];
            for (int block = 0; block < broadcast.Blocks; block++)
            {
                var gradientBlock = Block(gradient, block, broadcast);
                if (a.RequiresGrad)
                {
                    var aGradient = a.GradData().AsSpan(block * broadcast.BlockLength, broadcast.BlockLength);
                    TensorPrimitives.MultiplyAdd(gradientBlock, b.Data, aGradient, aGradient);
                }
                if (b.RequiresGrad)
                    TensorPrimitives.MultiplyAdd(gradientBlock, Block(a, block, broadcast), b.GradData(), b.GradData());
            }
        }, a, b);
    }

    /// <summary>y = factor · x.</summary>
    public static Tensor Scale(Tensor x, float factor)
    {
        var output = Tensor.Zeros(x.ShapeArray());
        TensorPrimitives.Multiply(x.Data, factor, output.Data);
        return Autograd.Record("Scale", output, gradient =>
            TensorPrimitives.MultiplyAdd(gradient.Data, factor, x.GradData(), x.GradData()), x);
    }

    /// <summary>y = x + constant.</summary>
    public static Tensor AddScalar(Tensor x, float constant)
    {
        var output = Tensor.Zeros(x.ShapeArray());
        TensorPrimitives.Add(x.Data, constant, output.Data);
        return Autograd.Record("AddScalar", output, gradient => x.AccumulateGrad(gradient.Data), x);
    }

    /// <summary>y = −x.</summary>
    public static Tensor Negate(Tensor x) => Scale(x, -1f);

    private delegate void BinaryKernel(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination);

    /// <summary>Applies <paramref name="kernel"/> to each block of <paramref name="a"/> with <paramref name="b"/>.</summary>
    private static (Tensor Output, Broadcast Broadcast) Elementwise(Tensor a, Tensor b, string operation, BinaryKernel kernel)
    {
        var broadcast = Broadcast.Of(a, b, operation);
        var output = Tensor.Zeros(a.ShapeArray());
        for (int block = 0; block < broadcast.Blocks; block++)
            kernel(Block(a, block, broadcast), b.Data, Block(output, block, broadcast));
        return (output, broadcast);
    }

    private static Span<float> Block(Tensor tensor, int block, Broadcast broadcast) =>
        tensor.Data.AsSpan(block * broadcast.BlockLength, broadcast.BlockLength);
}
