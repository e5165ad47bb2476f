namespace Hebb.Classics;

/// <summary>
/// How a <see cref="Perceptron"/> learns. The defaults are those of scikit-learn's <c>Perceptron</c>, and
/// each option says which of its parameters it is.
/// </summary>
public sealed record PerceptronOptions
{
    /// <summary>Step of the perceptron rule, w ← w + η·y·x on a mistake (<c>eta0</c>).</summary>
    public double LearningRate { get; init; } = 1.0;

    /// <summary>Passes over the training set at most (<c>max_iter</c>).</summary>
    public int MaxEpochs { get; init; } = 1000;

    /// <summary>
    /// Training stops once an epoch's loss, the sum of max(0, −y·f(x)) over its samples, has not fallen below
    /// the best so far by more than <c>Tolerance × samples</c> for <see cref="EpochsWithoutImprovement"/>
    /// epochs in a row (<c>tol</c>). Null: always run <see cref="MaxEpochs"/> epochs.
    /// </summary>
    public double? Tolerance { get; init; } = 1e-3;

    /// <summary>Epochs in a row without improvement that stop training (<c>n_iter_no_change</c>).</summary>
    public int EpochsWithoutImprovement { get; init; } = 5;

    /// <summary>Visit the samples in a new order every epoch (<c>shuffle</c>).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Seed of the shuffling (<c>random_state</c>). The order is drawn as scikit-learn draws it, so the same seed
    /// and the same input values give scikit-learn's weights, bias and epoch count.
    /// </summary>
    public uint Seed { get; init; }

    /// <summary>Checks every option against its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range: the message names it and its value.</exception>
    public void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"learning rate must be positive and finite, got {LearningRate}");
        if (MaxEpochs < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxEpochs), $"max epochs must be at least 1, got {MaxEpochs}");
        if (Tolerance is double tolerance && !(tolerance >= 0 && double.IsFinite(tolerance)))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), $"tolerance must be a finite number at least 0, or null for none, got {tolerance}");
        if (EpochsWithoutImprovement < 1)
            throw new ArgumentOutOfRangeException(nameof(EpochsWithoutImprovement), $"epochs without improvement must be at least 1, got {EpochsWithoutImprovement}");
    }
}
