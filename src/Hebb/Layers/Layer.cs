using Hebb.Tensors;

namespace Hebb.Layers;

/// <summary>A differentiable function with named parameters.</summary>
public abstract class Layer
{
    /// <summary>The scope of the layer's parameters, e.g. <c>hidden1</c>.</summary>
    public string Name { get; internal set; } = "";

    public abstract IReadOnlyList<Parameter> Parameters { get; }

    public abstract Tensor Forward(Tensor input);
}
