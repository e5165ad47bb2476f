using Hebb.Tensors;

namespace Hebb.Graph;

/// <summary>One run of a session: the feed, and the value of each node computed so far, so that a node that
/// several fetches need is computed once.</summary>
internal sealed class SessionRun(Session session, Feed feed)
{
    private readonly Dictionary<GraphTensor, Tensor> values = new(ReferenceEqualityComparer.Instance);

    public Session Session { get; } = session;

    public Feed Feed { get; } = feed;

    public Tensor Value(GraphTensor node)
    {
        if (values.TryGetValue(node, out var known)) return known;
        Tensor value;
        try { value = node.Producer.Compute(this, node); }
        catch (ArgumentException error) { throw new GraphException(node.Name, error.Message, error); }
        values[node] = value;
        return value;
    }

    /// <summary>The class indices <paramref name="labels"/> holds, as the integers they were fed as when they were.</summary>
    public int[] Labels(GraphTensor labels)
    {
        if (labels.Producer is PlaceholderOperation && Feed.TryGet(labels, out var fed) && fed.Integers is { } integers) return integers;
        var value = Value(labels);
        var result = new int[value.Length];
        for (int i = 0; i < result.Length; i++)
        {
            float label = value.Data[i];
            if (label != MathF.Floor(label))
                throw new GraphException(labels.Name, $"expected whole numbers as labels, found {label} at index {i}");
            result[i] = (int)label;
        }
        return result;
    }
}
