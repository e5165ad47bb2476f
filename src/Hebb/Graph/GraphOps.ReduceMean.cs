using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Graph;

public static partial class GraphOps
{
    /// <summary>The mean of all elements, a scalar — <c>tf.reduce_mean(xentropy, name="loss")</c>; runs as
    /// <see cref="Ops.Mean(Tensor)"/>, or as Hebb's fused loss over a <see cref="SparseSoftmaxCrossEntropyWithLogits"/>.</summary>
    public static GraphTensor ReduceMean(GraphTensor x, string name = "Mean")
    {
        CheckType(x, DType.Float32, "ReduceMean");
        return x.Graph.Add(name, DType.Float32, [], new ReduceMeanOperation(x, axis: null));
    }

    /// <summary>The mean along <paramref name="axis"/>, which is removed — <c>tf.reduce_mean(x, axis=axis)</c>.</summary>
    public static GraphTensor ReduceMean(GraphTensor x, int axis, string name = "Mean")
    {
        CheckType(x, DType.Float32, "ReduceMean");
        int normalized = axis < 0 ? axis + x.Shape.Count : axis;
        if (normalized < 0 || normalized >= x.Shape.Count)
            throw new ArgumentException($"ReduceMean: axis {axis} is out of range for '{x.Name}' {x.ShapeString}");
        return x.Graph.Add(name, DType.Float32, x.Shape.Where((_, i) => i != normalized).ToArray(), new ReduceMeanOperation(x, normalized));
    }

    internal sealed class ReduceMeanOperation(GraphTensor x, int? axis) : Operation(x)
    {
        public GraphTensor Input => Inputs[0];
        public int? Axis { get; } = axis;

        public override Tensor Compute(SessionRun run, GraphTensor output)
        {
            if (Axis is int along) return Ops.Mean(run.Value(x), along);
            return x.Producer is SoftmaxCrossEntropyOperation crossEntropy ? crossEntropy.Mean(run) : Ops.Mean(run.Value(x));
        }
    }
}
