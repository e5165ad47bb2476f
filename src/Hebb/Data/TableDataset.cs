using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Hebb.Data;

/// <summary>
/// Rows of float features, as a table or an array in memory gives them, with a class label or a real target per row.
/// The features are used as they are: a table read from a file is standardized and one-hot encoded before it becomes
/// one.
/// </summary>
public sealed class TableDataset : Dataset
{
    private readonly int[]? labels;
    private readonly float[]? targets;

    private TableDataset(float[] features, int featureCount, int rows, int[]? labels, float[]? targets, int classCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (features.Length != (long)rows * featureCount)
            throw new ArgumentException($"{rows} rows of {featureCount} features need {(long)rows * featureCount} values, got {features.Length}", nameof(features));
        Values = features;
        FeatureCount = featureCount;
        this.labels = labels;
        this.targets = targets;
        ClassCount = classCount;
    }

    /// <summary>A classification set; takes ownership of the arrays without copying them.</summary>
    /// <param name="features">[labels.Length, featureCount] floats, row-major.</param>
    /// <param name="featureCount">Features per row, at least 1.</param>
    /// <param name="labels">One class index per row, each in [0, classCount).</param>
    /// <param name="classCount">Defaults to the largest label + 1; give it when a part of the data may lack the last classes.</param>
    public TableDataset(float[] features, int featureCount, int[] labels, int? classCount = null)
        : this(features, featureCount, (labels ?? throw new ArgumentNullException(nameof(labels))).Length, labels, null,
            classCount ?? (labels.Length == 0 ? 0 : labels.Max() + 1))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ClassCount, 1, nameof(classCount));
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)ClassCount)
                throw new ArgumentException($"label {labels[i]} at row {i} is outside [0, {ClassCount})", nameof(labels));
    }

    /// <summary>A regression set; takes ownership of the arrays without copying them.</summary>
    /// <param name="features">[targets.Length, featureCount] floats, row-major.</param>
    /// <param name="featureCount">Features per row, at least 1.</param>
    /// <param name="targets">One real target per row, each finite.</param>
    public TableDataset(float[] features, int featureCount, float[] targets)
        : this(features, featureCount, (targets ?? throw new ArgumentNullException(nameof(targets))).Length, null, targets, 0)
    {
        int infinite = Array.FindIndex(targets, target => !float.IsFinite(target));
        if (infinite >= 0) throw new ArgumentException($"target {targets[infinite]} at row {infinite} is not finite", nameof(targets));
    }

    /// <summary>A classification set from a [rows, features] array, copied.</summary>
    public static TableDataset FromRows(float[,] features, int[] labels, int? classCount = null) =>
        new(Flatten(features, labels.Length), features.GetLength(1), labels, classCount);

    /// <summary>A regression set from a [rows, features] array, copied.</summary>
    public static TableDataset FromRows(float[,] features, float[] targets) =>
        new(Flatten(features, targets.Length), features.GetLength(1), targets);

    /// <summary>A classification set from rows of <paramref name="featureCount"/> floats laid end to end (row-major), copied:
    /// a buffer, a slice of a larger array or memory from elsewhere.</summary>
    /// <param name="features">[labels.Length × featureCount] floats, row-major.</param>
    /// <param name="featureCount">Features per row, at least 1.</param>
    /// <param name="labels">One class index per row, each in [0, classCount).</param>
    /// <param name="classCount">Defaults to the largest label + 1.</param>
    public static TableDataset FromRows(ReadOnlySpan<float> features, int featureCount, int[] labels, int? classCount = null) =>
        new(features.ToArray(), featureCount, labels, classCount);

    /// <summary>A regression set from rows of <paramref name="featureCount"/> floats laid end to end (row-major), copied.</summary>
    /// <param name="features">[targets.Length × featureCount] floats, row-major.</param>
    /// <param name="featureCount">Features per row, at least 1.</param>
    /// <param name="targets">One real target per row, each finite.</param>
    public static TableDataset FromRows(ReadOnlySpan<float> features, int featureCount, float[] targets) =>
        new(features.ToArray(), featureCount, targets);

    /// <summary>[Count, FeatureCount] floats, row-major.</summary>
    public float[] Values { get; }

    /// <inheritdoc/>
    public override int Count => labels?.Length ?? targets!.Length;

    /// <inheritdoc/>
    public override int FeatureCount { get; }

    /// <inheritdoc/>
    public override int ClassCount { get; }

    /// <inheritdoc/>
    public override LearningTask Task => labels is null ? LearningTask.Regression : LearningTask.Classification;

    /// <inheritdoc/>
    public override void FillFeatures(ReadOnlySpan<int> indices, Span<float> destination)
    {
        CheckDestination(destination.Length, (long)indices.Length * FeatureCount, nameof(destination));
        for (int row = 0; row < indices.Length; row++)
            Values.AsSpan(CheckIndex(indices[row]) * FeatureCount, FeatureCount).CopyTo(destination.Slice(row * FeatureCount, FeatureCount));
    }

    /// <inheritdoc/>
    public override int LabelAt(int index) =>
        labels is null ? throw new InvalidOperationException("a regression data set has targets, not class labels") : labels[index];

    /// <inheritdoc/>
    public override float TargetAt(int index) =>
        targets is null ? throw new InvalidOperationException("a classification data set has class labels, not targets") : targets[index];

    /// <inheritdoc/>
    public override TableDataset Subset(ReadOnlySpan<int> indices)
    {
        var features = new float[(long)indices.Length * FeatureCount];
        FillFeatures(indices, features);
        if (labels is null)
        {
            var subsetTargets = new float[indices.Length];
            FillTargets(indices, subsetTargets);
            return new TableDataset(features, FeatureCount, subsetTargets);
        }
        var subsetLabels = new int[indices.Length];
        FillLabels(indices, subsetLabels);
        return new TableDataset(features, FeatureCount, subsetLabels, ClassCount);
    }

    /// <inheritdoc/>
    internal override void AppendTo(IncrementalHash hash)
    {
        hash.AppendData(MemoryMarshal.AsBytes(Values.AsSpan()));
        if (labels is not null) hash.AppendData(MemoryMarshal.AsBytes(labels.AsSpan()));
        else hash.AppendData(MemoryMarshal.AsBytes(targets.AsSpan()));
    }

    /// <summary><c>TableDataset(142 rows of 13 features, 3 classes)</c> or <c>(… , regression)</c>.</summary>
    public override string ToString() =>
        $"TableDataset({Count} rows of {FeatureCount} features, {(labels is null ? "regression" : $"{ClassCount} classes")})";

    private static float[] Flatten(float[,] features, int rows)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.GetLength(0) != rows)
            throw new ArgumentException($"{features.GetLength(0)} rows of features for {rows} labels or targets", nameof(features));
        var values = new float[features.Length];
        Buffer.BlockCopy(features, 0, values, 0, values.Length * sizeof(float));
        return values;
    }
}
