using System.Security.Cryptography;
using Hebb.Tensors;

namespace Hebb.Data;

/// <summary>
/// Samples as rows of float features, each with a class label (<see cref="LearningTask.Classification"/>) or a real
/// target (<see cref="LearningTask.Regression"/>): what training, evaluation, tuning and prediction work on, whatever
/// the samples came from (IDX images: <see cref="ImageDataset"/>; tables and arrays: <see cref="TableDataset"/>).
/// Mini-batches are filled into buffers the caller owns, so a training step allocates nothing. A data set never
/// changes, so data sets can be shared freely.
/// </summary>
public abstract class Dataset
{
    /// <summary>Samples in the set.</summary>
    public abstract int Count { get; }

    /// <summary>Inputs per sample to a network.</summary>
    public abstract int FeatureCount { get; }

    /// <summary>Classes a model must tell apart (every label is below it); 0 for regression.</summary>
    public abstract int ClassCount { get; }

    /// <summary>Whether the samples carry class labels or real targets.</summary>
    public abstract LearningTask Task { get; }

    /// <summary>Outputs a model of this data needs: one per class, or one for a regression target.</summary>
    public int OutputWidth => Task == LearningTask.Regression ? 1 : ClassCount;

    /// <summary>Writes the samples at <paramref name="indices"/> as rows of floats, row-major [indices.Length, FeatureCount].
    /// Allocates nothing: it runs once per mini-batch.</summary>
    public abstract void FillFeatures(ReadOnlySpan<int> indices, Span<float> destination);

    /// <summary>The class of sample <paramref name="index"/>.</summary>
    /// <exception cref="InvalidOperationException">The data set is a regression one.</exception>
    public abstract int LabelAt(int index);

    /// <summary>The real target of sample <paramref name="index"/>.</summary>
    /// <exception cref="InvalidOperationException">The data set is a classification one.</exception>
    public abstract float TargetAt(int index);

    /// <summary>A copy of the samples at <paramref name="indices"/>, in that order, with the same class count.</summary>
    public abstract Dataset Subset(ReadOnlySpan<int> indices);

    /// <summary>Adds every feature and label or target to <paramref name="hash"/>: two data sets that hash alike hold the same samples.</summary>
    internal abstract void AppendTo(IncrementalHash hash);

    /// <summary>Writes the labels of the samples at <paramref name="indices"/>. Allocates nothing.</summary>
    public void FillLabels(ReadOnlySpan<int> indices, Span<int> destination)
    {
        CheckDestination(destination.Length, indices.Length, nameof(destination));
        for (int row = 0; row < indices.Length; row++) destination[row] = LabelAt(CheckIndex(indices[row]));
    }

    /// <summary>Writes the targets of the samples at <paramref name="indices"/>. Allocates nothing.</summary>
    public void FillTargets(ReadOnlySpan<int> indices, Span<float> destination)
    {
        CheckDestination(destination.Length, indices.Length, nameof(destination));
        for (int row = 0; row < indices.Length; row++) destination[row] = TargetAt(CheckIndex(indices[row]));
    }

    /// <summary>Samples [start, start + count) as a new [count, FeatureCount] tensor.</summary>
    public Tensor Features(int start, int count)
    {
        CheckRange(start, count);
        var features = new float[count * FeatureCount];
        FillFeatures(Enumerable.Range(start, count).ToArray(), features);
        return new Tensor(features, count, FeatureCount);
    }

    /// <summary>The labels of samples [start, start + count) as class indices.</summary>
    public int[] LabelArray(int start, int count)
    {
        CheckRange(start, count);
        var labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = LabelAt(start + i);
        return labels;
    }

    /// <summary>The targets of samples [start, start + count).</summary>
    public float[] TargetArray(int start, int count)
    {
        CheckRange(start, count);
        var targets = new float[count];
        for (int i = 0; i < count; i++) targets[i] = TargetAt(start + i);
        return targets;
    }

    /// <summary>The index, checked to lie in the set.</summary>
    private protected int CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException("indices", $"sample index {index} is outside 0..{Count - 1}");
        return index;
    }

    /// <summary>Throws unless [start, start + count) lies in the set.</summary>
    private protected void CheckRange(int start, int count)
    {
        if (start < 0 || count < 0 || start > Count - count)
            throw new ArgumentOutOfRangeException(
                nameof(start), $"samples {start}..{start + count - 1} are outside the {Count} of this dataset");
    }

    /// <summary>Throws unless a destination of <paramref name="length"/> values holds <paramref name="needed"/>.</summary>
    private protected static void CheckDestination(int length, long needed, string name)
    {
        if (length < needed)
            throw new ArgumentException($"destination holds {length} values, {needed} are needed", name);
    }
}
