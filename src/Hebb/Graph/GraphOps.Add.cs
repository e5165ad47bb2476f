using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Graph;

public static partial class GraphOps
{
    /// <summary>
    /// The element-wise sum — the note's <c>tf.matmul(X, W) + b</c>; runs as <see cref="Ops.Add"/>. As in Hebb, one
    /// operand's shape is the other's or a suffix of it (a bias [n] is added to every row of [batch, n]).
    /// </summary>
    public static GraphTensor Add(GraphTensor a, GraphTensor b, string name = "add")
    {
        CheckType(a, DType.Float32, "Add");
        CheckType(b, DType.Float32, "Add");
        var (longer, shorter) = a.Shape.Count >= b.Shape.Count ? (a, b) : (b, a);
        for (int i = 1; i <= shorter.Shape.Count; i++)
            if (!StaticShape.Compatible(longer.Shape[^i], shorter.Shape[^i]))
                throw new ArgumentException($"Add: '{a.Name}' {a.ShapeString} and '{b.Name}' {b.ShapeString} do not match; expected one shape to equal the other or a suffix of it");
        return a.Graph.Add(name, DType.Float32, [.. longer.Shape], new AddOperation(a, b));
    }

    internal sealed class AddOperation(GraphTensor a, GraphTensor b) : Operation(a, b)
    {
        public override Tensor Compute(SessionRun run, GraphTensor output) => run.Value(a) + run.Value(b);
    }
}
