using Hebb.Tensors;

namespace Hebb.Layers;

/// <summary>A differentiable function with named parameters.</summary>
public abstract class Layer
{
    /// <summary>The scope of the layer's parameters, e.g. <c>hidden1</c>.</summary>
    public string Name { get; private set; } = "";

    /// <summary>The trainable tensors, each under its scoped name.</summary>
    public abstract IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Tensors the layer keeps besides its parameters and saves with them, not trained by gradient
    /// (batch normalization's running mean and variance), by scoped name.</summary>
    public virtual IReadOnlyList<KeyValuePair<string, Tensor>> Buffers => [];

    /// <summary>True (the default, as in PyTorch) while training: dropout drops and batch normalization uses the
    /// batch's statistics; false for evaluation, where both are fixed functions of their input.</summary>
    public virtual bool IsTraining { get; set; } = true;

    /// <summary>The layer's kind as the model file and <c>hebb info</c> name it: dense, batch_norm, dropout.</summary>
    public abstract string Kind { get; }

    /// <summary>The layer's output for a batch <paramref name="input"/> [batch, inputs], recorded for backpropagation
    /// through the autodiff graph; what it does depends on <see cref="IsTraining"/> for dropout and batch normalization.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Whether a <see cref="Sequential"/> names this layer after the one before it (<c>hidden1_dropout</c>)
    /// rather than giving it a number of its own (<c>hidden2</c>): true for layers that reshape nothing.</summary>
    internal virtual bool NamedAfterPrevious => true;

    /// <summary>Sets <see cref="Name"/> and the scoped names of the parameters and buffers under it.</summary>
    internal virtual void Rename(string name) => Name = name;

    /// <summary><c>scope/name</c>, or the bare name for an unnamed layer.</summary>
    internal static string ScopedName(string? scope, string name) => string.IsNullOrEmpty(scope) ? name : $"{scope}/{name}";
}
