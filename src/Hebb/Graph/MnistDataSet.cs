using Hebb.Data;
using Hebb.Tensors;
using Hebb.Training;

namespace Hebb.Graph;

/// <summary>
/// One part of the note's <c>mnist</c> object (<c>mnist.train</c>, <c>mnist.test</c>): its images and labels, and
/// <see cref="NextBatch"/>. The batches come in the order <c>hebb train</c> deals them for the same seed (a
/// fresh shuffle of all examples per epoch, from the trainer's batch-order stream), so that the note's loop of
/// <c>NumExamples / batchSize</c> batches per epoch trains on exactly <c>hebb train</c>'s batches whenever the
/// batch size divides the number of examples (8,000 and 50 for the built-in sample).
/// </summary>
public sealed class MnistDataSet
{
    private readonly SeededRandom shuffleRandom;
    private int[] order = [];
    private int position;

    /// <summary>The examples of <paramref name="data"/>, dealt in batches shuffled from <paramref name="seed"/>.</summary>
    public MnistDataSet(ImageDataset data, ulong seed = 42)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        shuffleRandom = Trainer.ShuffleRandom(seed);
    }

    /// <summary>The examples as Hebb's data set.</summary>
    public ImageDataset Data { get; }

    /// <summary>The number of examples — <c>mnist.train.num_examples</c>.</summary>
    public int NumExamples => Data.Count;

    /// <summary>Every image as a row of pixels on [0, 1], [NumExamples, 784] — <c>mnist.test.images</c>.</summary>
    public Tensor Images => Data.Features(0, Data.Count);

    /// <summary>Every label, a class index per image — <c>mnist.test.labels</c>.</summary>
    public int[] Labels => Data.LabelArray(0, Data.Count);

    /// <summary>
    /// The next <paramref name="batchSize"/> examples — <c>X_batch, y_batch = mnist.train.next_batch(50)</c>. When an
    /// epoch has fewer left, the batch takes them and begins the next epoch with a new shuffle for the rest, as
    /// TensorFlow's does. Each call returns new arrays.
    /// </summary>
    public (Tensor Images, int[] Labels) NextBatch(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var indices = new int[batchSize];
        for (int filled = 0; filled < batchSize;)
        {
            if (position == order.Length) StartEpoch();
            int count = Math.Min(batchSize - filled, order.Length - position);
            order.AsSpan(position, count).CopyTo(indices.AsSpan(filled));
            position += count;
            filled += count;
        }
        var images = new Tensor(new float[batchSize * Data.FeatureCount], batchSize, Data.FeatureCount);
        var labels = new int[batchSize];
        Data.FillFeatures(indices, images.Data);
        Data.FillLabels(indices, labels);
        return (images, labels);
    }

    // The trainer makes a sampler per epoch, each shuffling 0..n-1 afresh: the same draws give the same order.
    private void StartEpoch()
    {
        var sampler = new BatchSampler(Data.Count, Data.Count, shuffleRandom);
        sampler.StartEpoch();
        order = sampler.Batch(0).ToArray();
        position = 0;
    }
}
