using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>What a user (or the command line) chooses of an optimiser; <see cref="Create"/> builds it over the
/// parameters. Unset values take PyTorch's defaults for the chosen optimiser.</summary>
public sealed record OptimizerOptions
{
    /// <summary>One of <see cref="Names"/>.</summary>
    public string Name { get; init; } = "sgd";

    /// <summary>The rate of the first step (a schedule changes it from there).</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>Momentum for sgd, momentum, nesterov and rmsprop; 0 with momentum or nesterov means 0.9.</summary>
    public float Momentum { get; init; }

    /// <summary>Weight decay; NaN: the optimiser's PyTorch default (0, and 0.01 for AdamW).</summary>
    public float WeightDecay { get; init; } = float.NaN;

    /// <summary>Clip the gradients' global L2 norm to this before each step; null: no clipping.</summary>
    public float? ClipNorm { get; init; }

    /// <summary>Clamp each gradient value to [−v, v] before each step; null: no clipping.</summary>
    public float? ClipValue { get; init; }

    /// <summary>The optimisers <see cref="Name"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "momentum", "nesterov"];

    /// <summary>The momentum actually used: <see cref="Momentum"/>, or 0.9 for momentum and nesterov when it is 0.</summary>
    public float EffectiveMomentum => Momentum == 0f && Name is "momentum" or "nesterov" ? 0.9f : Momentum;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range and what it accepts.</summary>
    public void Validate()
    {
        if (!Names.Contains(Name))
            throw new ArgumentException($"optimizer '{Name}' is not one of {string.Join(", ", Names)}", nameof(Name));
        if (!(LearningRate > 0) || !float.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"learning rate must be positive and finite, got {LearningRate}");
        if (Momentum is not (>= 0f and < 1f))
            throw new ArgumentOutOfRangeException(nameof(Momentum), $"momentum must lie in [0, 1), got {Momentum}");
        if (!float.IsNaN(WeightDecay) && (!(WeightDecay >= 0f) || !float.IsFinite(WeightDecay)))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), $"weight decay must be zero or more and finite, got {WeightDecay}");
        if (ClipNorm is float norm && (!(norm > 0f) || !float.IsFinite(norm)))
            throw new ArgumentOutOfRangeException(nameof(ClipNorm), $"clip norm must be positive and finite, got {norm}");
        if (ClipValue is float value && (!(value > 0f) || !float.IsFinite(value)))
            throw new ArgumentOutOfRangeException(nameof(ClipValue), $"clip value must be positive and finite, got {value}");
    }

    /// <summary>The chosen optimiser over <paramref name="parameters"/>.</summary>
    public IOptimizer Create(IEnumerable<Parameter> parameters)
    {
        Validate();
        float decay = float.IsNaN(WeightDecay) ? 0f : WeightDecay;
        return Name switch
        {
            "sgd" or "momentum" or "nesterov" => new Sgd(parameters, LearningRate, EffectiveMomentum, nesterov: Name == "nesterov",
                weightDecay: decay) { ClipNorm = ClipNorm, ClipValue = ClipValue },
            _ => throw new ArgumentException($"optimizer '{Name}' is not one of {string.Join(", ", Names)}", nameof(Name)),
        };
    }
}
