using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Graph;

public static partial class GraphOps
{
    /// <summary>The matrix product of [m, k] and [k, n] — <c>tf.matmul(X, W)</c>; runs as <see cref="Ops.MatMul"/>.</summary>
    public static GraphTensor MatMul(GraphTensor a, GraphTensor b, string name = "MatMul")
    {
        CheckType(a, DType.Float32, "MatMul");
        CheckType(b, DType.Float32, "MatMul");
        CheckRank(a, 2, "MatMul", "a matrix [m, k]");
        CheckRank(b, 2, "MatMul", "a matrix [k, n]");
        if (!StaticShape.Compatible(a.Shape[1], b.Shape[0]))
            throw new ArgumentException($"MatMul: '{a.Name}' {a.ShapeString} and '{b.Name}' {b.ShapeString} do not chain; expected [m, k] and [k, n]");
        return a.Graph.Add(name, DType.Float32, [a.Shape[0], b.Shape[1]], new MatMulOperation(a, b));
    }

    internal sealed class MatMulOperation(GraphTensor a, GraphTensor b) : Operation(a, b)
    {
        public GraphTensor A => Inputs[0];
        public GraphTensor B => Inputs[1];

        public override Tensor Compute(SessionRun run, GraphTensor output) => Ops.MatMul(run.Value(a), run.Value(b));
    }
}
