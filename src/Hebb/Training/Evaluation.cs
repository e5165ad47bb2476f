using Hebb.Data;
using Hebb.Layers;

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
    /// by its running statistics), the loss being the mean softmax cross-entropy.</summary>
    /// <exception cref="ArgumentException">The data is a regression set (see <see cref="RegressionEvaluation"/>).</exception>
    public static Evaluation Run(Sequential model, Dataset data, int batchSize = 1000)
    {
        if (data.Task != LearningTask.Classification)
            throw new ArgumentException("a regression data set is scored by RegressionEvaluation.Run, not by a classification's evaluation", nameof(data));
        int classes = model.OutputWidth
            ?? throw new ArgumentException("evaluation needs a model whose output width is known, to know the number of classes");
        int size = Math.Max(classes, data.ClassCount);
        var confusion = new int[size, size];
        var labels = new int[batchSize];
        var lossGradient = new float[batchSize * classes];
        double lossSum = 0;
        int hits = 0;
        BatchedOutputs.Run(model, data, batchSize, (start, count, logits) =>
        {
            for (int i = 0; i < count; i++) labels[i] = data.LabelAt(start + i);
            var batchLabels = labels.AsSpan(0, count);
            lossSum += Losses.Loss.SoftmaxCrossEntropyKernel(logits, batchLabels, classes, lossGradient) * (double)count;
            for (int i = 0; i < count; i++)
            {
                var row = logits.Slice(i * classes, classes);
                confusion[labels[i], Inference.Predictor.ClassOf(row)]++;
                if (Metrics.Accuracy.InTopK(row, labels[i], 1)) hits++;
            }
        });
        int n = Math.Max(1, data.Count);
        return new Evaluation(lossSum / n, (double)hits / n, confusion);
    }
}
