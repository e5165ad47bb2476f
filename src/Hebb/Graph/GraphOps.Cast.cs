using Hebb.Tensors;

namespace Hebb.Graph;

public static partial class GraphOps
{
    /// <summary>The values as another type — <c>tf.cast(correct, tf.float32)</c>: bools become 0 and 1, floats
    /// become int64 by truncation toward zero, and bool from anything is "not zero".</summary>
    public static GraphTensor Cast(GraphTensor x, DType dtype, string name = "Cast")
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Graph.Add(name, dtype, [.. x.Shape], new CastOperation(x, dtype));
    }

    internal sealed class CastOperation(GraphTensor x, DType dtype) : Operation(x)
    {
        public override Tensor Compute(SessionRun run, GraphTensor output)
        {
            var value = run.Value(x);
            if (dtype == x.DType) return value;
            var cast = new float[value.Length];
            for (int i = 0; i < cast.Length; i++)
                cast[i] = dtype switch
                {
                    DType.Bool => value.Data[i] != 0f ? 1f : 0f,
                    DType.Int64 => MathF.Truncate(value.Data[i]),
                    _ => value.Data[i],
                };
            return new Tensor(cast, value.ShapeArray());
        }
    }
}
