using Hebb.Activations;

namespace Hebb.Classics;

/// <summary>How <see cref="XorTraining"/> trains: the network's hidden width and activation, and gradient
/// descent on all four points at each step until the loss falls below <see cref="TargetLoss"/>. The defaults
/// (4 tanh units, plain gradient descent at 1.0) learn XOR from every seed 0 to 29; a few other starts stall
/// in a local minimum, as small XOR networks are known to.</summary>
public sealed record XorTrainingOptions
{
    /// <summary>Units of the hidden layer (4); two are enough in principle, more make a stall less likely.</summary>
    public int HiddenWidth { get; init; } = 4;
    /// <summary>Activation of the hidden layer (tanh).</summary>
    public Activation HiddenActivation { get; init; } = Activation.Tanh;
    /// <summary>Step size of gradient descent (1.0).</summary>
    public float LearningRate { get; init; } = 1f;
    /// <summary>0: plain gradient descent, the note's optimiser.</summary>
    public float Momentum { get; init; }

    /// <summary>Training stops once the mean binary cross-entropy is below this: every output then lies on
    /// the right side of 0.5 with room to spare.</summary>
    public float TargetLoss { get; init; } = 0.01f;

    /// <summary>Gradient steps at most; each step sees all four points.</summary>
    public int MaxSteps { get; init; } = 10_000;

    /// <summary>Seed of the initial weights.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Checks every option against its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A width, loss or step count out of range.</exception>
    /// <exception cref="ArgumentNullException">No hidden activation.</exception>
    public void Validate()
    {
        if (HiddenWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(HiddenWidth), $"hidden width must be at least 1, got {HiddenWidth}");
        ArgumentNullException.ThrowIfNull(HiddenActivation, nameof(HiddenActivation));
        if (!(TargetLoss > 0) || !float.IsFinite(TargetLoss))
            throw new ArgumentOutOfRangeException(nameof(TargetLoss), $"target loss must be positive and finite, got {TargetLoss}");
        if (MaxSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), $"max steps must be at least 1, got {MaxSteps}");
    }
}
