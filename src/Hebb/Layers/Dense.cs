using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Initializers;
using Hebb.Tensors;

namespace Hebb.Layers;

/// <summary>
/// A fully connected layer, a = f(x·W + b), with W [inputs, outputs] and b [outputs] — the note's
/// <c>neuron_layer</c> and TensorFlow's <c>dense</c>. Weights come from the initialiser (the note's
/// truncated normal unless told otherwise), biases start at zero. Its forward and backward pass are one
/// fused operation (<see cref="DenseKernels"/>, also the layer's buffer kernels); written out with <c>Ops.MatMul</c>, <c>+</c> and
/// <see cref="Activation.Apply"/> the same layer gives the same numbers.
/// </summary>
public sealed class Dense : Layer, IKernelLayer
{
    private readonly Parameter weights;
    private readonly Parameter biases;

    /// <summary>A layer of <paramref name="inputs"/> → <paramref name="outputs"/> with weights drawn by <paramref name="initializer"/>
    /// from <paramref name="random"/> and zero biases.</summary>
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
        this.weights = new Parameter(ScopedName(name, "weights"), weights);
        this.biases = new Parameter(ScopedName(name, "biases"), biases);
        if (name is not null) Rename(name);
    }

    /// <summary>Values per input row.</summary>
    public int Inputs => weights.Value.Shape[0];

    /// <summary>Values per output row (the layer's units).</summary>
    public int Outputs => weights.Value.Shape[1];

    /// <summary>f, applied to x·W + b.</summary>
    public Activation Activation { get; }

    /// <summary>How the weights were drawn; null for weights given directly.</summary>
    public Initializer? Initializer { get; }

    /// <summary>W [inputs, outputs].</summary>
    public Tensor Weights => weights.Value;

    /// <summary>b [outputs].</summary>
    public Tensor Biases => biases.Value;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => [weights, biases];

    /// <inheritdoc/>
    public override string Kind => "dense";

    /// <inheritdoc/>
    public int? InputWidth => Inputs;

    /// <inheritdoc/>
    public int OutputWidth(int inputWidth) => Outputs;

    /// <inheritdoc/>
    public LayerKernels CreateKernels(int inputWidth, int maxRows)
    {
        if (inputWidth != Inputs) throw new ArgumentException($"Dense {Name}: rows of {inputWidth} values, expected {Inputs}");
        return new DenseKernels(this, maxRows);
    }

    /// <summary>f(x·W + b) for input [batch, inputs], recorded as one operation.</summary>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 2 || input.Shape[1] != Inputs)
            throw new ArgumentException($"Dense {Name}: input of shape {input.ShapeString}, expected [batch, {Inputs}]");
        int rows = input.Shape[0];
        if (rows == 0) return Tensor.Zeros(0, Outputs);
        var kernels = new DenseKernels(this, rows);
        var output = new Tensor(kernels.Forward(input.Data, rows, training: false), rows, Outputs);
        return Autograd.Record("Dense", output, gradient => kernels.Backward(input.Data, rows, gradient.Data,
            input.RequiresGrad ? input.GradData() : null, accumulateInput: true), input, Weights, Biases);
    }

    internal override bool NamedAfterPrevious => false;

    internal override void Rename(string name)
    {
        base.Rename(name);
        weights.Name = ScopedName(name, "weights");
        biases.Name = ScopedName(name, "biases");
    }

    /// <summary>Dense(inputs => outputs[, activation]).</summary>
    public override string ToString() =>
        Activation == Activation.Identity ? $"Dense({Inputs} => {Outputs})" : $"Dense({Inputs} => {Outputs}, {Activation.Name})";

    private static Tensor CheckedWeights(int inputs, int outputs, Initializer initializer, SeededRandom random)
    {
        if (inputs < 1 || outputs < 1)
            throw new ArgumentOutOfRangeException(nameof(inputs), $"Dense: a layer needs at least one input and one output, got {inputs} => {outputs}");
        return initializer.Create(inputs, outputs, random);
    }
}
