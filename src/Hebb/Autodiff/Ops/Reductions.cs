using Hebb.Tensors;

namespace Hebb.Autodiff;

/// <summary>Sum, mean and max, over the whole tensor or along one axis (which is then removed).</summary>
public static partial class Ops
{
    /// <summary>The sum of every element, as a scalar tensor (rank 0).</summary>
    public static Tensor Sum(Tensor x)
    {
        var output = Tensor.Scalar(TensorPrimitives.Sum(x.Data));
        return Autograd.Record("Sum", output, gradient =>
            TensorPrimitives.Add(x.GradData(), gradient.Data[0], x.GradData()), x);
    }

    /// <summary>The mean of every element, as a scalar tensor; 0 for an empty tensor.</summary>
    public static Tensor Mean(Tensor x) => Scale(Sum(x), 1f / Math.Max(1, x.Length));

    /// <summary>The sum along <paramref name="axis"/> (negative counts from the end), which the result no longer has: [batch, n] summed along 0 is [n].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The tensor has no such axis.</exception>
    public static Tensor Sum(Tensor x, int axis)
    {
        var view = AxisView.Of(x, axis);
        var output = Tensor.Zeros(view.ReducedShape);
        for (int outer = 0; outer < view.Outer; outer++)
            for (int i = 0; i < view.Dimension; i++)
                TensorPrimitives.Add(output.Data.AsSpan(outer * view.Inner, view.Inner), x.Data.AsSpan(view.Offset(outer, i), view.Inner), output.Data.AsSpan(outer * view.Inner, view.Inner));
        return Autograd.Record("Sum", output, gradient =>
        {
            var xGradient = x.GradData();
            for (int outer = 0; outer < view.Outer; outer++)
                for (int i = 0; i < view.Dimension; i++)
                {
                    var target = xGradient.AsSpan(view.Offset(outer, i), view.Inner);
                    TensorPrimitives.Add(target, gradient.Data.AsSpan(outer * view.Inner, view.Inner), target);
                }
        }, x);
    }

    /// <summary>The mean along <paramref name="axis"/> (negative counts from the end), which the result no longer has.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The tensor has no such axis.</exception>
    public static Tensor Mean(Tensor x, int axis) => Scale(Sum(x, axis), 1f / Math.Max(1, x.Dim(axis)));

    /// <summary>Maximum along an axis; the gradient goes to the first position holding it.</summary>
    public static Tensor Max(Tensor x, int axis)
    {
        var view = AxisView.Of(x, axis);
        if (view.Dimension == 0) throw new ArgumentException($"Max: axis {axis} of shape {x.ShapeString} is empty");
        var positions = ArgMaxPositions(x, view);
        var output = Tensor.Zeros(view.ReducedShape);
        for (int j = 0; j < positions.Length; j++) output.Data[j] = x.Data[positions[j]];
        return Autograd.Record("Max", output, gradient =>
        {
            var xGradient = x.GradData();
            for (int j = 0; j < positions.Length; j++) xGradient[positions[j]] += gradient.Data[j];
        }, x);
    }

    /// <summary>Index of the maximum along an axis (the first one on ties); not differentiable.</summary>
    public static int[] ArgMax(Tensor x, int axis)
    {
        var view = AxisView.Of(x, axis);
        if (view.Dimension == 0) throw new ArgumentException($"ArgMax: axis {axis} of shape {x.ShapeString} is empty");
        var positions = ArgMaxPositions(x, view);
        var indices = new int[positions.Length];
        for (int j = 0; j < positions.Length; j++) indices[j] = (positions[j] / view.Inner) % view.Dimension;
        return indices;
    }

    private static int[] ArgMaxPositions(Tensor x, AxisView view)
    {
        var positions = new int[view.Outer * view.Inner];
        for (int outer = 0; outer < view.Outer; outer++)
            for (int inner = 0; inner < view.Inner; inner++)
            {
                int best = view.Offset(outer, 0) + inner;
                for (int i = 1; i < view.Dimension; i++)
                {
                    int candidate = view.Offset(outer, i) + inner;
                    if (x.Data[candidate] > x.Data[best]) best = candidate;
                }
                positions[outer * view.Inner + inner] = best;
            }
        return positions;
    }

    /// <summary>A tensor seen as [Outer, Dimension, Inner] around one axis.</summary>
    private readonly record struct AxisView(int Outer, int Dimension, int Inner, int[] ReducedShape)
    {
        public static AxisView Of(Tensor x, int axis)
        {
            int normalized = x.NormalizeAxis(axis);
            int outer = 1, inner = 1;
            for (int i = 0; i < normalized; i++) outer *= x.Shape[i];
            for (int i = normalized + 1; i < x.Rank; i++) inner *= x.Shape[i];
            var reduced = x.Shape.Where((_, i) => i != normalized).ToArray();
            return new AxisView(outer, x.Shape[normalized], inner, reduced);
        }

        public int Offset(int outer, int index) => (outer * Dimension + index) * Inner;
    }
}
