using Hebb.Tensors;

namespace Hebb.Metrics;

/// <summary>Classification accuracy from logits [batch, classes] and integer labels.</summary>
public static class Accuracy
{
    /// <summary>Share of rows whose label has the largest logit — the note's <c>in_top_k(logits, y, 1)</c>.</summary>
    public static double Top1(Tensor logits, ReadOnlySpan<int> labels) => TopK(logits, labels, 1);

    /// <summary>
    /// Share of rows whose label is among the <paramref name="k"/> largest logits. As in TensorFlow's
    /// <c>in_top_k</c>, a label tied with the k-th largest counts as in, and a non-finite logit as out.
    /// </summary>
    public static double TopK(Tensor logits, ReadOnlySpan<int> labels, int k)
    {
        if (logits.Rank != 2) throw new ArgumentException($"accuracy needs logits [batch, classes], got shape {logits.ShapeString}");
        if (labels.Length != logits.Shape[0]) throw new ArgumentException($"accuracy: {labels.Length} labels for logits of shape {logits.ShapeString}");
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), $"k must be at least 1, got {k}");
        if (labels.Length == 0) return 0;
        int hits = 0;
        for (int row = 0; row < labels.Length; row++)
            if (InTopK(logits.RowSpan(row), labels[row], k)) hits++;
        return (double)hits / labels.Length;
    }

    /// <summary>Whether <paramref name="label"/>'s logit is among the <paramref name="k"/> largest: fewer than k logits
    /// are strictly larger (so ties count for the label, as in <c>tf.nn.in_top_k</c>); false when a logit is NaN or the label's is infinite.</summary>
    /// <exception cref="ArgumentException">The label is not an index into <paramref name="logits"/>.</exception>
    public static bool InTopK(ReadOnlySpan<float> logits, int label, int k)
    {
        if ((uint)label >= (uint)logits.Length)
            throw new ArgumentException($"label {label} is outside [0, {logits.Length})");
        float target = logits[label];
        if (!float.IsFinite(target)) return false;
        int larger = 0;
        foreach (var logit in logits)
        {
            if (float.IsNaN(logit)) return false;
            if (logit > target) larger++;
        }
        return larger < k;
    }
}
