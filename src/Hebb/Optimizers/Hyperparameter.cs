namespace Hebb.Optimizers;

/// <summary>The checks every optimiser makes of its hyper-parameters, with one wording for each kind of range.</summary>
internal static class Hyperparameter
{
    /// <summary>A decay such as a momentum or a beta: in [0, 1).</summary>
    public static float Fraction(float value, string name) => value is >= 0f and < 1f
        ? value : throw new ArgumentOutOfRangeException(name, $"{name} must lie in [0, 1), got {value}");

    /// <summary>A decay such as a beta or RMSProp's alpha, in double as PyTorch keeps it: in [0, 1).</summary>
    public static double Fraction(double value, string name) => value is >= 0 and < 1
        ? value : throw new ArgumentOutOfRangeException(name, $"{name} must lie in [0, 1), got {value}");

    /// <summary>An ε or a clipping bound: positive and finite.</summary>
    public static float Positive(float value, string name) => value > 0f && float.IsFinite(value)
        ? value : throw new ArgumentOutOfRangeException(name, $"{name} must be positive and finite, got {value}");

    /// <summary>A weight decay: zero or more and finite.</summary>
    public static float NonNegative(float value, string name) => value >= 0f && float.IsFinite(value)
        ? value : throw new ArgumentOutOfRangeException(name, $"{name} must be zero or more and finite, got {value}");
}
