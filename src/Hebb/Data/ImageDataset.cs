using System.Security.Cryptography;

namespace Hebb.Data;

/// <summary>
/// Labelled greyscale images kept as bytes, as they are stored on disk: a quarter of the memory of floats.
/// Mini-batches are converted to floats on [0, 1] when they are needed (<see cref="FillFeatures"/>).
/// A dataset never changes its arrays, so datasets can be shared freely.
/// </summary>
public sealed partial class ImageDataset : Dataset
{
    /// <summary>[Count, Height, Width] bytes, row-major; 0 is background.</summary>
    public byte[] Pixels { get; }

    /// <summary>One class index per image, each below <see cref="ClassCount"/>.</summary>
    public byte[] Labels { get; }

    /// <summary>Images in the set.</summary>
    public override int Count => Labels.Length;
    /// <summary>Rows of pixels per image (28 for MNIST).</summary>
    public int Height { get; }
    /// <summary>Columns of pixels per image (28 for MNIST).</summary>
    public int Width { get; }
    /// <summary>Inputs per image to a network: Height × Width pixels (784 for MNIST).</summary>
    public override int FeatureCount => Height * Width;
    /// <summary>Classes a model must tell apart: every label is below it.</summary>
    public override int ClassCount { get; }
    /// <summary>Images are always classified.</summary>
    public override LearningTask Task => LearningTask.Classification;

    /// <summary>Takes ownership of <paramref name="pixels"/> and <paramref name="labels"/> without copying them.</summary>
    /// <param name="pixels">[count, height, width] bytes, row-major: labels.Length × height × width of them.</param>
    /// <param name="labels">One class index per image.</param>
    /// <param name="height">Rows of each image, at least 1.</param>
    /// <param name="width">Columns of each image, at least 1.</param>
    /// <param name="classCount">Defaults to the largest label + 1; give it when a part of the data may lack the last classes.</param>
    public ImageDataset(byte[] pixels, byte[] labels, int height, int width, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (pixels.Length != (long)labels.Length * height * width)
            throw new ArgumentException(
                $"{labels.Length} labels need {(long)labels.Length * height * width} pixels of {height}x{width}, got {pixels.Length}",
                nameof(pixels));
        if (classCount is int given)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(given, 1, nameof(classCount));
            int outside = IndexOfLabelOutside(labels, given);
            if (outside >= 0)
                throw new ArgumentException(
                    $"label {labels[outside]} at index {outside} is not below the class count {given}", nameof(labels));
        }

        Pixels = pixels;
        Labels = labels;
        Height = height;
        Width = width;
        ClassCount = classCount ?? (labels.Length == 0 ? 0 : TensorPrimitives.Max<byte>(labels) + 1);
    }

    /// <summary>A copy of <paramref name="count"/> samples from <paramref name="start"/>, with the same class count.</summary>
    public ImageDataset Slice(int start, int count)
    {
        CheckRange(start, count);
        return new ImageDataset(
            Pixels.AsSpan(start * FeatureCount, count * FeatureCount).ToArray(),
            Labels.AsSpan(start, count).ToArray(),
            Height, Width, ClassCount);
    }

    /// <summary>
    /// Writes the samples at <paramref name="indices"/> as rows of floats on [0, 1] (byte / 255), row-major
    /// [indices.Length, FeatureCount]. Allocates nothing: it runs once per mini-batch.
    /// </summary>
    public override void FillFeatures(ReadOnlySpan<int> indices, Span<float> destination)
    {
        CheckDestination(destination.Length, (long)indices.Length * FeatureCount, nameof(destination));
        int features = FeatureCount;
        for (int row = 0; row < indices.Length; row++)
        {
            int sample = CheckIndex(indices[row]);
            PixelScaling.ToUnitInterval(
                Pixels.AsSpan(sample * features, features), destination.Slice(row * features, features));
        }
    }

    /// <inheritdoc/>
    public override int LabelAt(int index) => Labels[index];

    /// <inheritdoc/>
    public override float TargetAt(int index) =>
        throw new InvalidOperationException("images carry class labels, not regression targets");

    /// <inheritdoc/>
    internal override void AppendTo(IncrementalHash hash)
    {
        hash.AppendData(Pixels);
        hash.AppendData(Labels);
    }

    /// <summary><c>ImageDataset(8000 images of 28x28, 10 classes)</c>.</summary>
    public override string ToString() =>
        $"ImageDataset({Count} images of {Height}x{Width}, {ClassCount} classes)";

    /// <summary>The index of the first label not below <paramref name="classCount"/>, or -1.</summary>
    internal static int IndexOfLabelOutside(ReadOnlySpan<byte> labels, int classCount) =>
        classCount > byte.MaxValue ? -1 : labels.IndexOfAnyInRange((byte)classCount, byte.MaxValue);
}
