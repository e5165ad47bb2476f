using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Activations;

/// <summary>
/// An activation function with its derivative. <see cref="Apply"/> is the differentiable operation; the
/// forward and backward kernels of each activation sit side by side in its own file.
/// </summary>
public abstract class Activation
{
    /// <summary>f(z) = z, no activation: the note's output layer, which gives logits.</summary>
    public static readonly Activation Identity = new Identity();
    /// <summary>The perceptron's step: 1 where z ≥ 0, else 0; no gradient flows through it.</summary>
    public static readonly Activation Heaviside = new Heaviside();
    /// <summary>The logistic function 1 / (1 + e^−z), between 0 and 1.</summary>
    public static readonly Activation Sigmoid = new Sigmoid();
    /// <summary>The hyperbolic tangent, between −1 and 1.</summary>
    public static readonly Activation Tanh = new Tanh();
    /// <summary>max(z, 0), the note's hidden activation.</summary>
    public static readonly Activation Relu = new Relu();
    /// <summary>z for z &gt; 0, else 0.01·z (PyTorch's default slope).</summary>
    public static readonly Activation LeakyRelu = new LeakyRelu();
    /// <summary>z for z &gt; 0, else e^z − 1 (α = 1).</summary>
    public static readonly Activation Elu = new Elu();
    /// <summary>e^z / Σ e^z over each row's last axis: a probability per class.</summary>
    public static readonly Activation Softmax = new Softmax();
    /// <summary>The logarithm of <see cref="Softmax"/>, computed without overflow: z − log Σ e^z over each row.</summary>
    public static readonly Activation LogSoftmax = new LogSoftmax();

    /// <summary>Every built-in activation, by its <see cref="Name"/>.</summary>
    public static IReadOnlyList<Activation> All { get; } = [Identity, Heaviside, Sigmoid, Tanh, Relu, LeakyRelu, Elu, Softmax, LogSoftmax];

    /// <summary>The name used on the command line and in saved models, e.g. <c>relu</c>.</summary>
    public abstract string Name { get; }

    /// <summary>a = f(z), over a tensor whose last axis has <paramref name="rowLength"/> elements.</summary>
    public abstract void Forward(ReadOnlySpan<float> z, Span<float> a, int rowLength);

    /// <summary>
    /// dz = da · ∂a/∂z from the output a of <see cref="Forward"/> alone: every activation here has a
    /// derivative that is a function of its output, so layers keep a, not z. <paramref name="dz"/> may be
    /// <paramref name="da"/> itself (the gradient is then turned into dz in place).
    /// </summary>
    public abstract void Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int rowLength);

    /// <summary>a = f(z + bias) in place on every row of <paramref name="rows"/> — a dense layer's bias and
    /// activation in one pass over its output.</summary>
    public virtual void ForwardWithBias(Span<float> rows, ReadOnlySpan<float> bias)
    {
        for (int start = 0; start < rows.Length; start += bias.Length)
        {
            var row = rows.Slice(start, bias.Length);
            TensorPrimitives.Add(row, bias, row);
            Forward(row, row, bias.Length);
        }
    }

    /// <summary>
    /// The activation as a differentiable operation: a new tensor f(z) of z's shape, whose backward pass
    /// adds dz to <paramref name="z"/>'s gradient. Row-wise activations (softmax) take rows along the last axis.
    /// </summary>
    public virtual Tensor Apply(Tensor z)
    {
        int rowLength = z.Rank == 0 ? 1 : z.Shape[^1];
        var output = Tensor.Zeros(z.ShapeArray());
        Forward(z.Data, output.Data, rowLength);
        return Autograd.Record(Name, output, gradient =>
        {
            var dz = new float[z.Length];
            Backward(output.Data, gradient.Data, dz, rowLength);
            z.AccumulateGradOwned(dz);
        }, z);
    }

    /// <summary>The built-in activation named <paramref name="name"/>, case and <c>-</c>/<c>_</c> aside, with the
    /// aliases none and linear (identity), step (heaviside) and logistic (sigmoid).</summary>
    /// <exception cref="ArgumentException">No activation has that name; the message lists those that do.</exception>
    public static Activation Parse(string name)
    {
        var normalized = name.Trim().ToLowerInvariant().Replace('-', '_');
        var alias = normalized switch
        {
            "none" or "linear" => "identity",
            "step" => "heaviside",
            "logistic" => "sigmoid",
            _ => normalized,
        };
        return All.FirstOrDefault(activation => activation.Name == alias)
            ?? throw new ArgumentException($"unknown activation '{InvalidFileException.Echo(name)}'; expected one of {string.Join(", ", All.Select(a => a.Name))}");
    }

    /// <summary>The activation's <see cref="Name"/>, as <c>Dense</c> prints it.</summary>
    public override string ToString() => Name;
}
