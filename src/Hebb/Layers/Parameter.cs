using Hebb.Tensors;

namespace Hebb.Layers;

/// <summary>A trainable tensor with its scoped name, e.g. <c>hidden1/weights</c>, as the note's name scopes give.</summary>
public sealed class Parameter
{
    public Parameter(string name, Tensor value)
    {
        Name = name;
        Value = value;
        value.RequiresGrad = true;
    }

    public string Name { get; internal set; }
    public Tensor Value { get; }

    public override string ToString() => $"{Name} {Value.ShapeString}";
}
