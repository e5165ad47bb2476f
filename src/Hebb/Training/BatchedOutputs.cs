using Hebb.Autodiff;
using Hebb.Data;
using Hebb.Inference;
using Hebb.Layers;
using Hebb.Tensors;

namespace Hebb.Training;

/// <summary>Receives the model's outputs for samples [start, start + count) of a data set, row-major [count, width].</summary>
internal delegate void OutputsHandler(int start, int count, ReadOnlySpan<float> outputs);

/// <summary>A model's outputs on a whole data set, in batches, in evaluation mode, as every evaluation needs them.</summary>
internal static class BatchedOutputs
{
    /// <summary>Runs <paramref name="model"/> over <paramref name="data"/> in batches of <paramref name="batchSize"/> (no
    /// dropout, batch normalization by its running statistics) and hands each batch's outputs to <paramref name="handle"/>;
    /// a model of <see cref="IKernelLayer"/>s runs through a <see cref="Predictor"/>, whose buffers are made once for all
    /// the batches.</summary>
    /// <returns>The model's output width.</returns>
    public static int Run(Sequential model, Dataset data, int batchSize, OutputsHandler handle)
    {
        using var _ = Autograd.NoGradient();
        using var evaluating = EvaluationMode.Of(model);
        int width = model.OutputWidth
            ?? throw new ArgumentException("evaluation needs a model whose output width is known");
        var predictor = Predictor.CanRun(model) ? model.CreatePredictor(batchSize) : null;
        var indices = new int[batchSize];
        var features = new float[batchSize * data.FeatureCount];
        var outputBuffer = new float[batchSize * width];
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            for (int i = 0; i < count; i++) indices[i] = start + i;
            data.FillFeatures(indices.AsSpan(0, count), features);
            var outputs = outputBuffer.AsSpan(0, count * width);
            if (predictor is not null) predictor.Logits(features.AsSpan(0, count * data.FeatureCount), outputs);
            else model.Forward(new Tensor(features[..(count * data.FeatureCount)], count, data.FeatureCount)).Data.CopyTo(outputs);
            handle(start, count, outputs);
        }
        return width;
    }
}
