using Hebb.Tensors;

namespace Hebb.Layers;

/// <summary>A trainable tensor with its scoped name, e.g. <c>hidden1/weights</c>, as the note's name scopes give.</summary>
public sealed class Parameter
{
    /// <summary>Wraps <paramref name="value"/> (without copying it) and turns on its gradient.</summary>
    public Parameter(string name, Tensor value)
    {
        Name = name;
        Value = value;
        value.RequiresGrad = true;
    }

    /// <summary>The scoped name, <c>layer/role</c>, under which model files store it; a <see cref="Sequential"/> gives it its layer's name.</summary>
    public string Name { get; internal set; }
    /// <summary>The tensor itself, which optimizers update in place and whose <see cref="Tensor.Grad"/> backpropagation fills.</summary>
    public Tensor Value { get; }

    /// <summary><c>hidden1/weights [784, 300]</c>.</summary>
    public override string ToString() => $"{Name} {Value.ShapeString}";
}
