using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Initializers;
using Hebb.Tensors;

namespace Hebb.Layers;

/// <summary>
/// A fully connected layer, a = f(x·W + b), with W [inputs, outputs] and b [outputs] — the note's
/// <c>neuron_layer</c> and TensorFlow's <c>dense</c>. Weights come from the initialiser (the note's
/// truncated normal unless told otherwise), biases start at zero. Its forward and backward pass are one
/// fused operation (<see cref="DenseKernels"/>); written out with <c>Ops.MatMul</c>, <c>+</c> and
/// <see cref="Activation.Apply"/> the same layer gives the same numbers.
/// </summary>
public sealed class Dense : Layer
{
    private readonly Parameter weights;
    private readonly Parameter biases;

    public Dense(int inputs, int outputs, Activation? activation, SeededRandom random, Initializer? initializer = null, string? name = null)
        : this(CheckedWeights(inputs, outputs, initializer ?? Initializer.TruncatedNormal, random), Tensor.Zeros(outputs), activation, name)
    {
        Initializer = initializer ?? Initializer.TruncatedNormal;
    }

    /// <summary>A layer with given weights [inputs, outputs] and biases [outputs], e.g. set by hand or loaded.</summary>
    public Dense(Tensor weights, Tensor biases, Activation? activation, string? name = null)
    {
        if (weights.Rank != 2 || biases.Rank != 1 || biases.Shape[0] != weights.Shape[1])
            throw new ArgumentException($"Dense: weights {weights.ShapeString} and biases {biases.ShapeString} do not fit; expected [inputs, outputs] and [outputs]");
        Activation = activation ?? Activation.Identity;
        Name = name ?? "";
        this.weights = new Parameter(ParameterName(name, "weights"), weights);
        this.biases = new Parameter(ParameterName(name, "biases"), biases);
    }

    public int Inputs => weights.Value.Shape[0];
    public int Outputs => weights.Value.Shape[1];
    public Activation Activation { get; }

    /// <summary>How the weights were drawn; null for weights given directly.</summary>
    public Initializer? Initializer { get; }

    public Tensor Weights => weights.Value;
    public Tensor Biases => biases.Value;

    public override IReadOnlyList<Parameter> Parameters => [weights, biases];

    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 2 || input.Shape[1] != Inputs)
            throw new ArgumentException($"Dense {Name}: input of shape {input.ShapeString}, expected [batch, {Inputs}]");
        int rows = input.Shape[0];
        var output = Tensor.Zeros(rows, Outputs);
        DenseKernels.Forward(this, input.Data, rows, output.Data);
        return Autograd.Record("Dense", output, gradient => DenseKernels.Backward(this, input.Data, rows, output.Data, gradient.Data,
            Weights.RequiresGrad ? Weights.GradData() : null,
            Biases.RequiresGrad ? Biases.GradData() : null,
            input.RequiresGrad ? input.GradData() : null, accumulateInput: true), input, Weights, Biases);
    }

    internal void Rename(string name)
    {
        Name = name;
        weights.Name = ParameterName(name, "weights");
        biases.Name = ParameterName(name, "biases");
    }

    public override string ToString() =>
        Activation == Activation.Identity ? $"Dense({Inputs} => {Outputs})" : $"Dense({Inputs} => {Outputs}, {Activation.Name})";

    private static string ParameterName(string? scope, string name) => string.IsNullOrEmpty(scope) ? name : $"{scope}/{name}";

    private static Tensor CheckedWeights(int inputs, int outputs, Initializer initializer, SeededRandom random)
    {
        if (inputs < 1 || outputs < 1)
            throw new ArgumentOutOfRangeException(nameof(inputs), $"Dense: a layer needs at least one input and one output, got {inputs} => {outputs}");
        return initializer.Create(inputs, outputs, random);
    }
}
