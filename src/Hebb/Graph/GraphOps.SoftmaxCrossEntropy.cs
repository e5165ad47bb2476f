using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Graph;

public static partial class GraphOps
{
    /// <summary>
    /// The cross-entropy of each row's softmax against its class index, from logits [batch, classes] and int64
    /// labels [batch] — <c>tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)</c>. Its mean
    /// (<see cref="ReduceMean(GraphTensor, string)"/> of it) runs as Hebb's fused loss, <see cref="Losses.Loss.SoftmaxCrossEntropy"/>;
    /// the per-row values alone run as −Σ onehot · log softmax.
    /// </summary>
    public static GraphTensor SparseSoftmaxCrossEntropyWithLogits(GraphTensor labels, GraphTensor logits, string name = "SparseSoftmaxCrossEntropyWithLogits")
    {
        CheckType(labels, DType.Int64, "SparseSoftmaxCrossEntropyWithLogits");
        CheckType(logits, DType.Float32, "SparseSoftmaxCrossEntropyWithLogits");
        CheckRank(labels, 1, "SparseSoftmaxCrossEntropyWithLogits", "labels [batch]");
        CheckRank(logits, 2, "SparseSoftmaxCrossEntropyWithLogits", "logits [batch, classes]");
        if (!StaticShape.Compatible(labels.Shape[0], logits.Shape[0]))
            throw new ArgumentException($"SparseSoftmaxCrossEntropyWithLogits: labels '{labels.Name}' {labels.ShapeString} and logits '{logits.Name}' {logits.ShapeString} differ in batch size");
        return logits.Graph.Add(name, DType.Float32, [logits.Shape[0]], new SoftmaxCrossEntropyOperation(labels, logits));
    }

    internal sealed class SoftmaxCrossEntropyOperation(GraphTensor labels, GraphTensor logits) : Operation(labels, logits)
    {
        public GraphTensor Labels => Inputs[0];
        public GraphTensor Logits => Inputs[1];

        public override Tensor Compute(SessionRun run, GraphTensor output)
        {
            var z = run.Value(logits);
            var classIndices = run.Labels(labels);
            if (classIndices.Length != z.Rows)
                throw new GraphException(output.Name, $"expected one label per row of the logits {z.ShapeString}, got {classIndices.Length}");
            var oneHot = Tensor.Zeros(z.ShapeArray());
            for (int row = 0; row < classIndices.Length; row++)
            {
                if ((uint)classIndices[row] >= (uint)z.RowLength)
                    throw new GraphException(output.Name, $"expected labels in [0, {z.RowLength}), found {classIndices[row]} at row {row}");
                oneHot[row, classIndices[row]] = 1f;
            }
            return Ops.Negate(Ops.Sum(Ops.Multiply(Activation.LogSoftmax.Apply(z), oneHot), axis: 1));
        }

        /// <summary>The mean over the rows, by Hebb's fused and numerically stable kernel.</summary>
        public Tensor Mean(SessionRun run) => Losses.Loss.SoftmaxCrossEntropy(run.Value(logits), run.Labels(labels));
    }
}
