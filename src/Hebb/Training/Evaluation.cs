using Hebb.Autodiff;
using Hebb.Data;
using Hebb.Inference;
using Hebb.Layers;
using Hebb.Tensors;

namespace Hebb.Training;

/// <summary>Loss, accuracy, per-class accuracy and the confusion matrix of a classifier on a dataset.</summary>
public sealed record Evaluation(double Loss, double Accuracy, int[,] Confusion)
{
    /// <summary>Rows: true class; columns: predicted class.</summary>
    public int ClassCount => Confusion.GetLength(0);

    /// <summary>Share of each true class predicted right (NaN for a class absent from the data).</summary>
    public double[] PerClassAccuracy()
    {
        var accuracy = new double[ClassCount];
        for (int actual = 0; actual < ClassCount; actual++)
        {
            int total = 0;
            for (int predicted = 0; predicted < ClassCount; predicted++) total += Confusion[actual, predicted];
            accuracy[actual] = total == 0 ? double.NaN : (double)Confusion[actual, actual] / total;
        }
        return accuracy;
    }

    /// <summary>Evaluates in batches of <paramref name="batchSize"/>, in evaluation mode (no dropout, batch normalization
    /// by its running statistics); a model of <see cref="IKernelLayer"/>s runs through a <see cref="Predictor"/>, whose
    /// buffers are made once for all the batches.</summary>
    public static Evaluation Run(Sequential model, ImageDataset data, int batchSize = 1000)
    {
        using var _ = Autograd.NoGradient();
        using var evaluating = EvaluationMode.Of(model);
        int classes = model.OutputWidth
            ?? throw new ArgumentException("evaluation needs a model whose output width is known, to know the number of classes");
        int size = Math.Max(classes, data.ClassCount);
        var confusion = new int[size, size];
        var predictor = Predictor.CanRun(model) ? model.CreatePredictor(batchSize) : null;
        var indices = new int[batchSize];
        var features = new float[batchSize * data.FeatureCount];
        var labels = new int[batchSize];
        var logitBuffer = new float[batchSize * classes];
        var lossGradient = new float[batchSize * classes];
        double lossSum = 0;
        int hits = 0;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            for (int i = 0; i < count; i++) indices[i] = start + i;
            data.FillFeatures(indices.AsSpan(0, count), features);
            data.FillLabels(indices.AsSpan(0, count), labels);
            var logits = logitBuffer.AsSpan(0, count * classes);
            if (predictor is not null) predictor.Logits(features.AsSpan(0, count * data.FeatureCount), logits);
            else model.Forward(new Tensor(features[..(count * data.FeatureCount)], count, data.FeatureCount)).Data.CopyTo(logits);
            var batchLabels = labels.AsSpan(0, count);
            lossSum += Losses.Loss.SoftmaxCrossEntropyKernel(logits, batchLabels, classes, lossGradient) * (double)count;
            for (int i = 0; i < count; i++)
            {
                var row = logits.Slice(i * classes, classes);
                confusion[labels[i], TensorPrimitives.IndexOfMax(row)]++;
                if (Metrics.Accuracy.InTopK(row, labels[i], 1)) hits++;
            }
        }
        int n = Math.Max(1, data.Count);
        return new Evaluation(lossSum / n, (double)hits / n, confusion);
    }
}
