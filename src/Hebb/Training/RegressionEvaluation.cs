using Hebb.Data;
using Hebb.Layers;

namespace Hebb.Training;

/// <summary>How close a regression model's predictions come to the targets of a data set, as scikit-learn's
/// <c>mean_squared_error</c>, <c>mean_absolute_error</c> and <c>r2_score</c> measure it.</summary>
/// <param name="MeanSquaredError">mean((prediction − target)²), in the target's units squared.</param>
/// <param name="MeanAbsoluteError">mean(|prediction − target|), in the target's units.</param>
/// <param name="RSquared">1 − Σ(prediction − target)² / Σ(target − mean target)²: 1 is perfect, 0 is no better than
/// predicting the mean; NaN when every target is the same.</param>
/// <param name="Count">Samples scored.</param>
public sealed record RegressionEvaluation(double MeanSquaredError, double MeanAbsoluteError, double RSquared, int Count)
{
    /// <summary>√MSE, in the target's units.</summary>
    public double RootMeanSquaredError => Math.Sqrt(MeanSquaredError);

    /// <summary>Scores <paramref name="model"/> on <paramref name="data"/> in evaluation mode. When the targets the model
    /// learnt are standardized, <paramref name="targetMean"/> and <paramref name="targetScale"/> turn its outputs and the
    /// data's targets back into the original units (value = mean + scale × standardized), in which the figures are given.</summary>
    public static RegressionEvaluation Run(Sequential model, Dataset data, double targetMean = 0, double targetScale = 1, int batchSize = 1000)
    {
        if (data.Task != LearningTask.Regression)
            throw new ArgumentException("a classification data set is scored by Evaluation.Run, not by a regression's evaluation", nameof(data));
        var predictions = new double[data.Count];
        var targets = new double[data.Count];
        int width = BatchedOutputs.Run(model, data, batchSize, (start, count, outputs) =>
        {
            for (int i = 0; i < count; i++)
            {
                predictions[start + i] = targetMean + targetScale * outputs[i];
                targets[start + i] = targetMean + targetScale * data.TargetAt(start + i);
            }
        });
        if (width != 1) throw new ArgumentException($"a regression model has one output, this one has {width}", nameof(model));
        return Of(predictions, targets);
    }

    /// <summary>The figures of <paramref name="predictions"/> against <paramref name="targets"/>, pair by pair.</summary>
    public static RegressionEvaluation Of(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets)
    {
        if (predictions.Length != targets.Length)
            throw new ArgumentException($"{predictions.Length} predictions for {targets.Length} targets", nameof(predictions));
        int n = targets.Length;
        double mean = 0;
        foreach (double target in targets) mean += target;
        mean /= Math.Max(1, n);
        double squared = 0, absolute = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            double error = predictions[i] - targets[i];
            squared += error * error;
            absolute += Math.Abs(error);
            total += (targets[i] - mean) * (targets[i] - mean);
        }
        int count = Math.Max(1, n);
        return new RegressionEvaluation(squared / count, absolute / count, total == 0 ? double.NaN : 1 - squared / total, n);
    }
}
