using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>What a training loop needs of an optimiser, whatever its per-parameter state.</summary>
public interface IOptimizer
{
    /// <summary>The parameters it updates, in the order of their state's slots.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The rate of the next step; a schedule sets it at the start of every epoch.</summary>
    float LearningRate { get; set; }

    /// <summary>Number of steps taken so far (Adam's bias correction counts with it).</summary>
    long StepCount { get; }

    /// <summary>PyTorch-like name, as written in model metadata and accepted by <c>--optimizer</c>: "sgd",
    /// "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad".</summary>
    string Name { get; }

    /// <summary>Hyper-parameters other than the learning rate (momentum, betas, eps, weight_decay, clip_norm, …),
    /// for the metadata and for the resume conflict check; keys snake_case as PyTorch names them.</summary>
    IReadOnlyDictionary<string, double> Settings { get; }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    void Step();

    /// <summary>Sets every parameter's gradient to zero before the next backward pass.</summary>
    void ZeroGrad();

    /// <summary>A deep copy of everything the next steps depend on: the step count and every per-parameter buffer.</summary>
    OptimizerState SaveState();

    /// <summary>Restores a state saved by an optimiser of the same kind over parameters of the same names and
    /// lengths; throws <see cref="InvalidDataException"/> naming the slot when a name or length does not match.</summary>
    void LoadState(OptimizerState state);
}
