using Hebb.Tensors.Kernels;

namespace Hebb.Benchmarks;

/// <summary>Which of a dense layer's three matrix products: <c>Z = X·W</c> forward, then backpropagation's
/// <c>dW = Xᵀ·dZ</c> and <c>dX = dZ·Wᵀ</c>.</summary>
public enum Pass { Forward, WeightGradient, InputGradient }

/// <summary>One matrix product of a dense layer <paramref name="Inputs"/> → <paramref name="Outputs"/> on a
/// mini-batch, in the layout and with the accumulation that Hebb's dense layer uses for it.</summary>
public sealed record DenseProduct(int Inputs, int Outputs, Pass Pass) : IComparable
{
    /// <summary>The products one training step of the note's network (784 → 300 → 100 → 10) runs; the first
    /// layer needs no input gradient.</summary>
    public static IEnumerable<DenseProduct> NoteNetwork()
    {
        (int Inputs, int Outputs)[] layers = [(784, 300), (300, 100), (100, 10)];
        foreach (var pass in Enum.GetValues<Pass>())
            foreach (var (inputs, outputs) in layers)
                if (pass != Pass.InputGradient || inputs != 784)
                    yield return new DenseProduct(inputs, outputs, pass);
    }

    public MatrixLayout Layout => Pass switch
    {
        Pass.Forward => MatrixLayout.AB,
        Pass.WeightGradient => MatrixLayout.AtB,
        _ => MatrixLayout.ABt,
    };

    /// <summary>Weight gradients add up over the graph, so Hebb accumulates them into the gradient buffer.</summary>
    public bool Accumulate => Pass == Pass.WeightGradient;

    /// <summary>C[m,n] = op(A)[m,k]·op(B)[k,n] for a mini-batch of <paramref name="batch"/> samples.</summary>
    public (int M, int K, int N) Dimensions(int batch) => Pass switch
    {
        Pass.Forward => (batch, Inputs, Outputs),
        Pass.WeightGradient => (Inputs, batch, Outputs),
        _ => (batch, Outputs, Inputs),
    };

    public double Flops(int batch)
    {
        var (m, k, n) = Dimensions(batch);
        return 2.0 * m * k * n;
    }

    /// <summary>BenchmarkDotNet sorts parameters with this: passes in order, layers from input to output.</summary>
    public int CompareTo(object? other) => other is DenseProduct product
        ? Pass != product.Pass ? Pass.CompareTo(product.Pass) : product.Inputs.CompareTo(Inputs)
        : 1;

    public override string ToString() => Pass switch
    {
        Pass.Forward => $"forward {Inputs}->{Outputs}",
        Pass.WeightGradient => $"dW {Inputs}->{Outputs}",
        _ => $"dX {Inputs}->{Outputs}",
    };
}
