using Hebb.Metrics;
using Hebb.Tensors;

namespace Hebb.Graph;

public static partial class GraphOps
{
    /// <summary>Whether each row's label is among the <paramref name="k"/> largest predictions, a bool per row —
    /// <c>tf.nn.in_top_k(logits, y, 1)</c>; decided by <see cref="Accuracy.InTopK"/>, ties counting as in.</summary>
    public static GraphTensor InTopK(GraphTensor predictions, GraphTensor targets, int k, string name = "in_top_k")
    {
        CheckType(predictions, DType.Float32, "InTopK");
        CheckType(targets, DType.Int64, "InTopK");
        CheckRank(predictions, 2, "InTopK", "predictions [batch, classes]");
        CheckRank(targets, 1, "InTopK", "targets [batch]");
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return predictions.Graph.Add(name, DType.Bool, [predictions.Shape[0]], new InTopKOperation(predictions, targets, k));
    }

    internal sealed class InTopKOperation(GraphTensor predictions, GraphTensor targets, int k) : Operation(predictions, targets)
    {
        public override Tensor Compute(SessionRun run, GraphTensor output)
        {
            var scores = run.Value(predictions);
            var labels = run.Labels(targets);
            if (labels.Length != scores.Rows)
                throw new GraphException(output.Name, $"expected one target per row of the predictions {scores.ShapeString}, got {labels.Length}");
            var inTopK = new float[labels.Length];
            for (int row = 0; row < labels.Length; row++)
                inTopK[row] = Accuracy.InTopK(scores.RowSpan(row), labels[row], k) ? 1f : 0f;
            return new Tensor(inTopK, labels.Length);
        }
    }
}
