using Hebb.Data;
using Hebb.Tensors;

namespace Hebb.Training;

/// <summary>Input and label buffers for mini-batches, made once per size and refilled for every batch.</summary>
internal sealed class BatchBuffer(int batchSize, int featureCount)
{
    private readonly Dictionary<int, (Tensor Inputs, int[] Labels)> bySize = [];

    public int FeatureCount => featureCount;

    public (Tensor Inputs, int[] Labels) Fill(ImageDataset data, ReadOnlySpan<int> indices)
    {
        var buffers = Get(indices.Length);
        data.FillFeatures(indices, buffers.Inputs.Data);
        data.FillLabels(indices, buffers.Labels);
        return buffers;
    }

    private (Tensor Inputs, int[] Labels) Get(int rows)
    {
        if (rows > batchSize) throw new ArgumentOutOfRangeException(nameof(rows), $"a batch of {rows} rows exceeds the batch size {batchSize}");
        if (!bySize.TryGetValue(rows, out var buffers))
            bySize[rows] = buffers = (Tensor.Zeros(rows, featureCount), new int[rows]);
        return buffers;
    }
}
