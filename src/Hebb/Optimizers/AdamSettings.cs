namespace Hebb.Optimizers;

/// <summary>The hyper-parameters Adam and AdamW share, checked on construction.</summary>
public sealed record AdamSettings
{
    /// <summary>Checks each value: betas in [0, 1), ε positive, λ zero or more, all finite. The betas are doubles, as
    /// PyTorch's are, so that 1 − β is taken from the value as written.</summary>
    public AdamSettings(double beta1, double beta2, float epsilon, float weightDecay)
    {
        Beta1 = Hyperparameter.Fraction(beta1, nameof(beta1));
        Beta2 = Hyperparameter.Fraction(beta2, nameof(beta2));
        Epsilon = Hyperparameter.Positive(epsilon, nameof(epsilon));
        WeightDecay = Hyperparameter.NonNegative(weightDecay, nameof(weightDecay));
    }

    /// <summary>Decay of the gradient's moving average.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the squared gradient's moving average.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the root of the squared average, for stability.</summary>
    public float Epsilon { get; }

    /// <summary>λ: an L2 term for Adam, decoupled for AdamW.</summary>
    public float WeightDecay { get; }

    /// <summary>The settings under PyTorch's names.</summary>
    internal IEnumerable<KeyValuePair<string, double>> Entries() =>
        [new("beta1", Beta1), new("beta2", Beta2), new("eps", Epsilon), new("weight_decay", WeightDecay)];
}
