using System.Collections;
using Hebb.Tensors;

namespace Hebb.Graph;

/// <summary>
/// The values given to placeholders for one run — the note's <c>feed_dict={X: X_batch, y: y_batch}</c>, written
/// <c>new Feed { { X, xBatch }, { y, yBatch } }</c>. Each value is checked against its placeholder's type and
/// shape as it is added, and a mismatch is a <see cref="GraphException"/> naming the placeholder.
/// </summary>
public sealed class Feed : IEnumerable<GraphTensor>
{
    // float32 holds whole numbers exactly up to 2^24.
    private const long LargestExactInteger = 1L << 24;

    private readonly Dictionary<GraphTensor, FedValue> values = new(ReferenceEqualityComparer.Instance);

    /// <summary>Feeds float32 values: images, features.</summary>
    public void Add(GraphTensor placeholder, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Put(placeholder, new FedValue(value, null), DType.Float32);
    }

    /// <summary>Feeds a copy of a float32 matrix.</summary>
    public void Add(GraphTensor placeholder, float[,] value) => Add(placeholder, Tensor.FromArray(value));

    /// <summary>Feeds int64 values, such as class labels.</summary>
    public void Add(GraphTensor placeholder, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var floats = new float[labels.Length];
        for (int i = 0; i < labels.Length; i++) floats[i] = CheckedExact(placeholder, labels[i], i);
        Put(placeholder, new FedValue(new Tensor(floats, labels.Length), labels), DType.Int64);
    }

    /// <summary>Feeds int64 values, such as class labels.</summary>
    public void Add(GraphTensor placeholder, long[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var integers = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++) integers[i] = (int)CheckedExact(placeholder, labels[i], i);
        Add(placeholder, integers);
    }

    /// <summary>The number of placeholders fed.</summary>
    public int Count => values.Count;

    /// <summary>The placeholders fed.</summary>
    public IEnumerator<GraphTensor> GetEnumerator() => values.Keys.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal bool TryGet(GraphTensor placeholder, out FedValue value) => values.TryGetValue(placeholder, out value);

    private void Put(GraphTensor placeholder, FedValue value, DType dtype)
    {
        ArgumentNullException.ThrowIfNull(placeholder);
        if (placeholder.Producer is not PlaceholderOperation)
            throw new GraphException(placeholder.Name, $"only placeholders are fed; this is a {placeholder.DType.Name()} {placeholder.ShapeString} computed by the graph");
        if (dtype != placeholder.DType || !StaticShape.Fits(placeholder.Shape, value.Tensor.Shape))
            throw new GraphException(placeholder.Name,
                $"expected {PlaceholderOperation.Expectation(placeholder)}, was fed {dtype.Name()} values of shape {value.Tensor.ShapeString}");
        if (!values.TryAdd(placeholder, value))
            throw new GraphException(placeholder.Name, "fed twice in one feed; expected one value per placeholder");
    }

    private static float CheckedExact(GraphTensor placeholder, long value, int index) =>
        Math.Abs(value) <= LargestExactInteger
            ? value
            : throw new GraphException(placeholder.Name, $"expected integers within ±{LargestExactInteger}, found {value} at index {index}");
}

/// <summary>A fed value, with the labels as given when they were fed as integers (so that the loss reads them without conversion).</summary>
internal readonly record struct FedValue(Tensor Tensor, int[]? Integers);
