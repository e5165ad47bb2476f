using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Layers;

/// <summary>
/// Layers applied one after the other. Unnamed layers are named as in the note: <c>hidden1</c>,
/// <c>hidden2</c>, … and <c>outputs</c> for the last.
/// </summary>
public sealed class Sequential : Layer
{
    public Sequential(params Layer[] layers)
    {
        if (layers.Length == 0) throw new ArgumentException("Sequential needs at least one layer");
        Layers = layers;
        for (int i = 0; i < layers.Length; i++)
        {
            if (layers[i].Name.Length > 0) continue;
            string name = i == layers.Length - 1 ? "outputs" : $"hidden{i + 1}";
            if (layers[i] is Dense dense) dense.Rename(name);
            else layers[i].Name = name;
        }
        var duplicate = Parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Sequential: two parameters are named '{duplicate.Key}'");
    }

    public IReadOnlyList<Layer> Layers { get; }

    public override IReadOnlyList<Parameter> Parameters => Layers.SelectMany(layer => layer.Parameters).ToList();

    public long ParameterCount => Parameters.Sum(p => (long)p.Value.Length);

    public override Tensor Forward(Tensor input)
    {
        var output = input;
        foreach (var layer in Layers) output = layer.Forward(output);
        return output;
    }

    /// <summary>The most likely class of each row of <paramref name="inputs"/>: argmax of the logits.</summary>
    public int[] Predict(Tensor inputs)
    {
        using var _ = Autograd.NoGradient();
        return Ops.ArgMax(Forward(inputs), axis: 1);
    }

    public void ZeroGrad()
    {
        foreach (var parameter in Parameters) parameter.Value.ZeroGrad();
    }

    public override string ToString() => $"Sequential({string.Join(", ", Layers)})";
}
