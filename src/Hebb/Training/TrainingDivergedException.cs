namespace Hebb.Training;

/// <summary>
/// Training stopped because the loss or a parameter became NaN or infinite: going on would only spread the NaN
/// through every weight. The model in memory holds the diverged values; a checkpoint file keeps the last finite epoch.
/// </summary>
public sealed class TrainingDivergedException : ArithmeticException
{
    /// <summary>A divergence found at <paramref name="batch"/> (1-based) of <paramref name="epoch"/> (1-based) in <paramref name="what"/>.</summary>
    public TrainingDivergedException(int epoch, int batch, string what, string message) : base(message)
    {
        Epoch = epoch;
        Batch = batch;
        What = what;
    }

    /// <summary>The epoch it happened in, 1 for the first.</summary>
    public int Epoch { get; }

    /// <summary>The batch of <see cref="Epoch"/> it was found after, 1 for the first.</summary>
    public int Batch { get; }

    /// <summary>What was not finite: "the loss" or a parameter's name.</summary>
    public string What { get; }
}
