using Hebb.Autodiff;
using Hebb.Data;
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

    public static Evaluation Run(Sequential model, ImageDataset data, int batchSize = 1000)
    {
        using var _ = Autograd.NoGradient();
        int classes = Math.Max(data.ClassCount, OutputWidth(model));
        var confusion = new int[classes, classes];
        double lossSum = 0;
        int hits = 0;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            var labels = data.LabelArray(start, count);
            var logits = model.Forward(data.Features(start, count));
            lossSum += Losses.Loss.SoftmaxCrossEntropy(logits, labels).Data[0] * (double)count;
            var predictions = Ops.ArgMax(logits, axis: 1);
            for (int i = 0; i < count; i++)
            {
                confusion[labels[i], predictions[i]]++;
                if (Metrics.Accuracy.InTopK(logits.RowSpan(i), labels[i], 1)) hits++;
            }
        }
        int n = Math.Max(1, data.Count);
        return new Evaluation(lossSum / n, (double)hits / n, confusion);
    }

    private static int OutputWidth(Sequential model) =>
        model.Layers.OfType<Dense>().LastOrDefault()?.Outputs ?? 0;
}
