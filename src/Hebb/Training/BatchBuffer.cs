using Hebb.Data;
using Hebb.Losses;
using Hebb.Tensors;

namespace Hebb.Training;

/// <summary>Input and target buffers for mini-batches, made once per size and refilled for every batch.</summary>
internal sealed class BatchBuffer(int batchSize, int featureCount)
{
    private readonly Dictionary<int, MiniBatch> bySize = [];

    public int FeatureCount => featureCount;

    /// <summary>The buffers for <paramref name="indices"/>.Length rows, holding those samples' features and labels or targets.</summary>
    public MiniBatch Fill(Dataset data, ReadOnlySpan<int> indices)
    {
        var batch = Get(indices.Length);
        data.FillFeatures(indices, batch.Inputs.Data);
        if (data.Task == LearningTask.Regression) data.FillTargets(indices, batch.Values);
        else data.FillLabels(indices, batch.Labels);
        return batch;
    }

    private MiniBatch Get(int rows)
    {
        if (rows > batchSize) throw new ArgumentOutOfRangeException(nameof(rows), $"a batch of {rows} rows exceeds the batch size {batchSize}");
        if (!bySize.TryGetValue(rows, out var batch))
            bySize[rows] = batch = new MiniBatch(Tensor.Zeros(rows, featureCount), new int[rows], new float[rows]);
        return batch;
    }
}

/// <summary>One mini-batch's buffers: the inputs [rows, features], and a label or a target per row (whichever the data has).</summary>
internal sealed record MiniBatch(Tensor Inputs, int[] Labels, float[] Values)
{
    public int Rows => Labels.Length;

    public BatchTargets Targets => new(Labels, Values);
}
