using Hebb.Tensors;

namespace Hebb.Graph;

/// <summary>
/// A symbolic tensor: a node of a <see cref="Graph"/> that has a name, a type and a shape, but no value until a
/// <see cref="Session"/> runs it — TensorFlow 1.x's <c>tf.Tensor</c>. Placeholders, variables and the results
/// of <see cref="GraphOps"/> are all graph tensors.
/// </summary>
public sealed class GraphTensor
{
    private readonly int?[] shape;

    internal GraphTensor(Graph graph, string name, DType dtype, int?[] shape, Operation producer)
    {
        Graph = graph;
        Name = name;
        DType = dtype;
        this.shape = shape;
        Producer = producer;
    }

    /// <summary>The graph the tensor belongs to.</summary>
    public Graph Graph { get; }

    /// <summary>The name with its scopes, e.g. <c>dnn/hidden1/weights</c>; unique in the graph.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>The shape as far as it is known while building; null stands for a dimension learnt when the graph runs.</summary>
    public IReadOnlyList<int?> Shape => shape;

    /// <summary>The shape as text, <c>?</c> for unknown dimensions: <c>[?, 784]</c>.</summary>
    public string ShapeString => StaticShape.Text(shape);

    internal Operation Producer { get; }

    /// <summary>The tensor's value in <paramref name="session"/> with <paramref name="feed"/> — the note's <c>accuracy.eval(feed_dict=…)</c>.</summary>
    public Tensor Eval(Session session, Feed? feed = null) => session.Run(this, feed);

    /// <summary>The tensor's value as a number, for a tensor that holds one (a loss, an accuracy).</summary>
    public float EvalScalar(Session session, Feed? feed = null)
    {
        var value = Eval(session, feed);
        if (value.Length != 1) throw new GraphException(Name, $"expected one value to read as a number, the tensor has shape {value.ShapeString}");
        return value.Data[0];
    }

    /// <summary><c>a + b</c>, as <see cref="GraphOps.Add"/>.</summary>
    public static GraphTensor operator +(GraphTensor a, GraphTensor b) => GraphOps.Add(a, b);

    /// <inheritdoc/>
    public override string ToString() => $"GraphTensor '{Name}' {DType.Name()} {ShapeString}";
}
