namespace Hebb.Graph;

/// <summary>
/// The operations the note's program builds its graph from, with .NET names: <c>tf.matmul</c> is
/// <see cref="MatMul"/>, <c>tf.nn.relu</c> <see cref="Relu"/>, <c>tf.reduce_mean</c> <see cref="ReduceMean(GraphTensor, string)"/>, and
/// so on (<c>using static Hebb.Graph.GraphOps;</c> lets a program write them as the note does). Each builds a
/// node; its value is computed, when a session runs it, by the Hebb operation of the same meaning.
/// </summary>
public static partial class GraphOps
{
    private static void CheckType(GraphTensor tensor, DType expected, string operation)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.DType != expected)
            throw new ArgumentException($"{operation}: '{tensor.Name}' is {tensor.DType.Name()}, expected {expected.Name()}");
    }

    private static void CheckRank(GraphTensor tensor, int rank, string operation, string what)
    {
        if (tensor.Shape.Count != rank)
            throw new ArgumentException($"{operation}: '{tensor.Name}' has shape {tensor.ShapeString}, expected {what}");
    }
}
