namespace Hebb.Classics;

/// <summary>
/// Rosenblatt's rule for one linear threshold unit separating the samples marked +1 from those marked −1: on
/// each mistake, y·(w·x + b) ≤ 0, move w by η·y·x and b by η·y. The arithmetic is scikit-learn's, in float64
/// and in its order, so that both take the same decisions on the same samples.
/// </summary>
internal static class PerceptronRule
{
    public sealed record Result(double[] Weights, double Bias, int Epochs);

    /// <param name="features">[samples, featureCount] row-major.</param>
    /// <param name="featureCount">Features per sample: the row length of <paramref name="features"/>.</param>
    /// <param name="signs">+1 or −1 per sample.</param>
    /// <param name="options">Learning rate, epoch limit and the early-stopping rule.</param>
    /// <param name="shuffleSeed">Seed of the sample order; null keeps the samples in their given order.</param>
    public static Result Train(ReadOnlySpan<float> features, int featureCount, ReadOnlySpan<double> signs,
        PerceptronOptions options, uint? shuffleSeed)
    {
        var weights = new double[featureCount];
        double bias = 0;
        var order = new ScikitLearnSampleOrder(signs.Length, shuffleSeed);
        double bestLoss = double.PositiveInfinity;
        int epochsWithoutImprovement = 0;
        for (int epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            double loss = 0;
            foreach (int sample in order.NextEpoch())
            {
                var x = features.Slice(sample * featureCount, featureCount);
                double margin = signs[sample] * (Dot(weights, x) + bias);
                if (margin > 0) continue;
                loss -= margin;
                double step = options.LearningRate * signs[sample];
                for (int j = 0; j < weights.Length; j++) weights[j] += x[j] * step;
                bias += step;
            }
            if (options.Tolerance is not double tolerance) continue;
            epochsWithoutImprovement = loss > bestLoss - tolerance * signs.Length ? epochsWithoutImprovement + 1 : 0;
            bestLoss = Math.Min(bestLoss, loss);
            if (epochsWithoutImprovement >= options.EpochsWithoutImprovement) return new Result(weights, bias, epoch);
        }
        return new Result(weights, bias, options.MaxEpochs);
    }

    /// <summary>w·x summed left to right, as scikit-learn sums it: a vectorised sum rounds differently, and a
    /// sample on the boundary could then count as a mistake in one and not in the other.</summary>
    internal static double Dot(ReadOnlySpan<double> weights, ReadOnlySpan<float> x)
    {
        double sum = 0;
        for (int j = 0; j < weights.Length; j++) sum += weights[j] * x[j];
        return sum;
    }
}
