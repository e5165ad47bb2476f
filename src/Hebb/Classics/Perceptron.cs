using Hebb.Tensors;

namespace Hebb.Classics;

/// <summary>
/// The note's perceptron: linear threshold units with a bias, trained by the perceptron rule. With two classes
/// one unit separates them; with more, one unit per class separates it from the rest, and the unit with the
/// largest output wins. Options, defaults, stopping rule and shuffle order are scikit-learn's <c>Perceptron</c>'s,
/// so the same seed and input values give its weights.
/// </summary>
public sealed class Perceptron
{
    /// <summary>An untrained perceptron; <paramref name="options"/> defaults to scikit-learn's (<see cref="PerceptronOptions"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public Perceptron(PerceptronOptions? options = null)
    {
        Options = options ?? new PerceptronOptions();
        Options.Validate();
    }

    /// <summary>How the perceptron learns, checked when it was made.</summary>
    public PerceptronOptions Options { get; }

    /// <summary>The distinct labels seen by <see cref="Fit(Tensor, int[])"/>, in increasing order.</summary>
    public int[] Classes { get; private set; } = [];

    /// <summary>
    /// One row per unit, one column per feature (scikit-learn's <c>coef_</c>): a single row for two classes,
    /// whose unit says "the second class"; otherwise one row per class, in the order of <see cref="Classes"/>.
    /// </summary>
    public double[,] Weights { get; private set; } = new double[0, 0];

    /// <summary>The bias of each unit (scikit-learn's <c>intercept_</c>).</summary>
    public double[] Bias { get; private set; } = [];

    /// <summary>Epochs the training ran, the most of any unit (scikit-learn's <c>n_iter_</c>).</summary>
    public int EpochsRun { get; private set; }

    /// <summary>Features per sample that <see cref="Fit(Tensor, int[])"/> saw: the width of <see cref="Weights"/>; 0 before fitting.</summary>
    public int FeatureCount => Weights.GetLength(1);

    /// <summary>Learns from scratch from <paramref name="features"/> [samples, features] and one label per sample; returns this perceptron.</summary>
    /// <exception cref="ArgumentException">No samples, a label count that is not one per sample, a feature that is not finite, or a single class.</exception>
    public Perceptron Fit(float[,] features, int[] labels) => Fit(Tensor.FromArray(features), labels);

    /// <summary>Learns from scratch from <paramref name="features"/> [samples, features] and one label per sample; returns this perceptron.</summary>
    /// <exception cref="ArgumentException">No samples, a label count that is not one per sample, a feature that is not finite, or a single class.</exception>
    public Perceptron Fit(Tensor features, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Rank != 2 || features.Shape[0] == 0 || features.Shape[1] == 0)
            throw new ArgumentException($"Perceptron.Fit: features must be [samples, features] with at least one of each, got shape {features.ShapeString}", nameof(features));
        if (labels.Length != features.Shape[0])
            throw new ArgumentException($"Perceptron.Fit: {labels.Length} labels for {features.Shape[0]} samples; expected one label per sample", nameof(labels));
        CheckFinite(features, "Fit");
        var classes = labels.Distinct().Order().ToArray();
        if (classes.Length < 2)
            throw new ArgumentException($"Perceptron.Fit: every label is {classes[0]}; at least two classes are needed to separate", nameof(labels));

        int units = classes.Length == 2 ? 1 : classes.Length;
        var shuffleSeeds = ScikitLearnSampleOrder.ShuffleSeeds(Options.Seed, units);
        var weights = new double[units, features.Shape[1]];
        var bias = new double[units];
        int epochs = 0;
        for (int unit = 0; unit < units; unit++)
        {
            int positive = units == 1 ? classes[1] : classes[unit];
            var signs = labels.Select(label => label == positive ? 1.0 : -1.0).ToArray();
            var learned = PerceptronRule.Train(features.Data, features.Shape[1], signs, Options,
                Options.Shuffle ? shuffleSeeds[unit] : null);
            for (int j = 0; j < learned.Weights.Length; j++) weights[unit, j] = learned.Weights[j];
            bias[unit] = learned.Bias;
            epochs = Math.Max(epochs, learned.Epochs);
        }
        (Classes, Weights, Bias, EpochsRun) = (classes, weights, bias, epochs);
        return this;
    }

    /// <summary>w·x + b of every unit for every sample: [samples, units], one column per row of <see cref="Weights"/>.</summary>
    /// <exception cref="ArgumentException">The features are not [samples, FeatureCount] as in training, or one is not finite.</exception>
    /// <exception cref="InvalidOperationException">The perceptron has not been fitted.</exception>
    public double[,] DecisionFunction(float[,] features) => DecisionFunction(Tensor.FromArray(features));

    /// <summary>w·x + b of every unit for every sample: [samples, units], one column per row of <see cref="Weights"/>.</summary>
    /// <exception cref="ArgumentException">The features are not [samples, FeatureCount] as in training, or one is not finite.</exception>
    /// <exception cref="InvalidOperationException">The perceptron has not been fitted.</exception>
    public double[,] DecisionFunction(Tensor features)
    {
        CheckFitted(features, "DecisionFunction");
        int samples = features.Shape[0], units = Bias.Length, width = FeatureCount;
        var decisions = new double[samples, units];
        var weightRow = new double[width];
        for (int unit = 0; unit < units; unit++)
        {
            for (int j = 0; j < width; j++) weightRow[j] = Weights[unit, j];
            for (int sample = 0; sample < samples; sample++)
                decisions[sample, unit] = PerceptronRule.Dot(weightRow, features.RowSpan(sample)) + Bias[unit];
        }
        return decisions;
    }

    /// <summary>The class of each sample of <paramref name="features"/> [samples, features] (see <see cref="Predict(Tensor)"/>).</summary>
    /// <exception cref="ArgumentException">The features are not [samples, FeatureCount] as in training, or one is not finite.</exception>
    /// <exception cref="InvalidOperationException">The perceptron has not been fitted.</exception>
    public int[] Predict(float[,] features) => Predict(Tensor.FromArray(features));

    /// <summary>The class of each sample: with two classes the second when w·x + b &gt; 0, else the first; with
    /// more, the class whose unit gives the largest value (the first of equals).</summary>
    public int[] Predict(Tensor features)
    {
        var decisions = DecisionFunction(features);
        var predictions = new int[decisions.GetLength(0)];
        for (int sample = 0; sample < predictions.Length; sample++)
        {
            if (Bias.Length == 1)
            {
                predictions[sample] = Classes[decisions[sample, 0] > 0 ? 1 : 0];
                continue;
            }
            int best = 0;
            for (int unit = 1; unit < Bias.Length; unit++)
                if (decisions[sample, unit] > decisions[sample, best]) best = unit;
            predictions[sample] = Classes[best];
        }
        return predictions;
    }

    /// <summary>The share of samples whose predicted class is their label (mean accuracy), from 0 to 1.</summary>
    /// <exception cref="ArgumentException">The features are not [samples, FeatureCount] as in training, or one is not finite.</exception>
    /// <exception cref="InvalidOperationException">The perceptron has not been fitted.</exception>
    public double Score(float[,] features, int[] labels) => Score(Tensor.FromArray(features), labels);

    /// <summary>The share of samples whose predicted class is their label (mean accuracy).</summary>
    public double Score(Tensor features, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var predictions = Predict(features);
        if (labels.Length != predictions.Length)
            throw new ArgumentException($"Perceptron.Score: {labels.Length} labels for {predictions.Length} samples; expected one label per sample", nameof(labels));
        return predictions.Length == 0 ? 0 : (double)predictions.Zip(labels).Count(pair => pair.First == pair.Second) / predictions.Length;
    }

    /// <summary><c>Perceptron(2 features => 2 classes, 7 epochs)</c>, or <c>Perceptron(not fitted)</c>.</summary>
    public override string ToString() => Classes.Length == 0
        ? "Perceptron(not fitted)"
        : $"Perceptron({FeatureCount} features => {Classes.Length} classes, {EpochsRun} epochs)";

    private void CheckFitted(Tensor features, string method)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (Classes.Length == 0)
            throw new InvalidOperationException($"Perceptron.{method}: the perceptron has not been fitted; call Fit first");
        if (features.Rank != 2 || features.Shape[1] != FeatureCount)
            throw new ArgumentException($"Perceptron.{method}: features of shape {features.ShapeString}, expected [samples, {FeatureCount}] as in training", nameof(features));
        CheckFinite(features, method);
    }

    private static void CheckFinite(Tensor features, string method)
    {
        for (int i = 0; i < features.Length; i++)
            if (!float.IsFinite(features.Data[i]))
                throw new ArgumentException($"Perceptron.{method}: feature {i % features.Shape[1]} of sample {i / features.Shape[1]} is {features.Data[i]}; expected a finite number", nameof(features));
    }
}
