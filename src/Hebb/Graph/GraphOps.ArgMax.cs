using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Graph;

public static partial class GraphOps
{
    /// <summary>The index of the largest value along <paramref name="axis"/>, which is removed, as int64 —
    /// <c>tf.argmax(logits, axis=1)</c>; the first on ties, as <see cref="Ops.ArgMax"/>.</summary>
    public static GraphTensor ArgMax(GraphTensor x, int axis, string name = "ArgMax")
    {
        CheckType(x, DType.Float32, "ArgMax");
        int normalized = axis < 0 ? axis + x.Shape.Count : axis;
        if (normalized < 0 || normalized >= x.Shape.Count)
            throw new ArgumentException($"ArgMax: axis {axis} is out of range for '{x.Name}' {x.ShapeString}");
        return x.Graph.Add(name, DType.Int64, x.Shape.Where((_, i) => i != normalized).ToArray(), new ArgMaxOperation(x, normalized));
    }

    internal sealed class ArgMaxOperation(GraphTensor x, int axis) : Operation(x)
    {
        public override Tensor Compute(SessionRun run, GraphTensor output)
        {
            var value = run.Value(x);
            var indices = Ops.ArgMax(value, axis);
            var shape = value.Shape.Where((_, i) => i != axis).ToArray();
            return new Tensor(Array.ConvertAll(indices, index => (float)index), shape);
        }
    }
}
