using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Activations;

/// <summary>
/// An activation function with its derivative. <see cref="Apply"/> is the differentiable operation; the
/// forward and backward kernels of each activation sit side by side in its own file.
/// </summary>
public abstract class Activation
{
    public static readonly Activation Identity = new Identity();
    public static readonly Activation Heaviside = new Heaviside();
    public static readonly Activation Sigmoid = new Sigmoid();
    public static readonly Activation Tanh = new Tanh();
    public static readonly Activation Relu = new Relu();
    public static readonly Activation LeakyRelu = new LeakyRelu();
    public static readonly Activation Elu = new Elu();
    public static readonly Activation Softmax = new Softmax();
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

    public override string ToString() => Name;
}
