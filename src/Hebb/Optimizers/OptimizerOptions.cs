using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>What a user (or the command line) chooses of an optimiser; <see cref="Create"/> builds it over the
/// parameters. Unset values take PyTorch's defaults for the chosen optimiser.</summary>
public sealed record OptimizerOptions
{
    /// <summary>One of <see cref="Names"/>.</summary>
    public string Name { get; init; } = "sgd";

    /// <summary>The rate of the first step (a schedule changes it from there). The same default, 0.01, for every
    /// optimiser; Adam and AdamW are usually run at 0.001.</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>Momentum for sgd, momentum, nesterov and rmsprop; 0 with momentum or nesterov means 0.9.</summary>
    public float Momentum { get; init; }

    /// <summary>SGD's dampening of the gradient's share in the momentum buffer (PyTorch's default, 0).</summary>
    public float Dampening { get; init; }

    /// <summary>Weight decay; NaN: the optimiser's PyTorch default (0, and 0.01 for AdamW).</summary>
    public float WeightDecay { get; init; } = float.NaN;

    /// <summary>Clip the gradients' global L2 norm to this before each step; null: no clipping.</summary>
    public float? ClipNorm { get; init; }

    /// <summary>Clamp each gradient value to [−v, v] before each step (after <see cref="ClipNorm"/>); null: no clipping.</summary>
    public float? ClipValue { get; init; }

    /// <summary>The optimisers <see cref="Name"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad"];

    /// <summary>The momentum actually used: <see cref="Momentum"/>, or 0.9 for momentum and nesterov when it is 0.</summary>
    public float EffectiveMomentum => Momentum == 0f && Name is "momentum" or "nesterov" ? 0.9f : Momentum;

    /// <summary>The weight decay actually used: <see cref="WeightDecay"/>, or the optimiser's default when it is NaN.</summary>
    public float EffectiveWeightDecay => float.IsNaN(WeightDecay) ? Name == "adamw" ? 0.01f : 0f : WeightDecay;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range and what it accepts.</summary>
    public void Validate()
    {
        if (!Names.Contains(Name))
            throw new ArgumentException($"optimizer '{Name}' is not one of {string.Join(", ", Names)}", nameof(Name));
        Hyperparameter.Positive(LearningRate, nameof(LearningRate));
        Hyperparameter.Fraction(Momentum, nameof(Momentum));
        Hyperparameter.Fraction(Dampening, nameof(Dampening));
        if (Momentum != 0f && Name is "adam" or "adamw" or "adagrad")
            throw new ArgumentException($"{Name} takes no momentum, got {Momentum}", nameof(Momentum));
        if (Dampening != 0f && Name is not ("sgd" or "momentum"))
            throw new ArgumentException($"dampening is for sgd and momentum only, not {Name}", nameof(Dampening));
        if (!float.IsNaN(WeightDecay)) Hyperparameter.NonNegative(WeightDecay, nameof(WeightDecay));
        if (ClipNorm is float norm) Hyperparameter.Positive(norm, nameof(ClipNorm));
        if (ClipValue is float value) Hyperparameter.Positive(value, nameof(ClipValue));
    }

    /// <summary>The chosen optimiser over <paramref name="parameters"/>.</summary>
    public IOptimizer Create(IEnumerable<Parameter> parameters)
    {
        Validate();
        float decay = EffectiveWeightDecay;
        Optimizer optimizer = Name switch
        {
            "adam" => new Adam(parameters, LearningRate, weightDecay: decay) { ClipNorm = ClipNorm, ClipValue = ClipValue },
            "adamw" => new AdamW(parameters, LearningRate, weightDecay: decay) { ClipNorm = ClipNorm, ClipValue = ClipValue },
            "rmsprop" => new RmsProp(parameters, LearningRate, momentum: Momentum, weightDecay: decay) { ClipNorm = ClipNorm, ClipValue = ClipValue },
            "adagrad" => new Adagrad(parameters, LearningRate, weightDecay: decay) { ClipNorm = ClipNorm, ClipValue = ClipValue },
            _ => new Sgd(parameters, LearningRate, EffectiveMomentum, Dampening, nesterov: Name == "nesterov", weightDecay: decay)
            {
                ClipNorm = ClipNorm, ClipValue = ClipValue,
            },
        };
        return optimizer;
    }
}
