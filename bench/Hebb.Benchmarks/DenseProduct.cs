using Hebb.Tensors.Kernels;

namespace Hebb.Benchmarks;

/// <summary>Which of a dense layer's three matrix products: <c>Z = X·W</c> forward, then backpropagation's
/// <c>dW = Xᵀ·dZ</c> and <c>dX = dZ·Wᵀ</c>.</summary>
public enum Pass { Forward, WeightGradient, InputGradient }

/// <summary>One matrix product of a dense layer <paramref name="Inputs"/> → <paramref name="Outputs"/> of the
/// network <paramref name="Network"/> on a mini-batch of <paramref name="Batch"/> samples, in the layout and with the
/// accumulation that Hebb's dense layer uses for it.</summary>
public sealed record DenseProduct(string Network, int Batch, int Inputs, int Outputs, Pass Pass) : IComparable
{
    /// <summary>The networks and batch sizes measured: the note's 784-300-100-10 at batch 50 and 256, and the
    /// rows of issue 13's table, where the products are large enough for the cache blocking to matter.</summary>
    public static IEnumerable<DenseProduct> Measured() =>
        TrainingStep([784, 300, 100, 10], 50)
            .Concat(TrainingStep([784, 300, 100, 10], 256))
            .Concat(TrainingStep([784, 1024, 1024, 10], 128))
            .Concat(TrainingStep([784, 2048, 10], 256))
            .Concat(TrainingStep([784, 128, 128, 128, 128, 10], 32));

    /// <summary>The products one training step of an MLP with these layer widths runs; the first layer needs no
    /// input gradient.</summary>
    public static IEnumerable<DenseProduct> TrainingStep(int[] widths, int batch)
    {
        string network = string.Join("-", widths);
        foreach (var pass in Enum.GetValues<Pass>())
            for (int layer = 0; layer + 1 < widths.Length; layer++)
                if (pass != Pass.InputGradient || layer > 0)
                    yield return new DenseProduct(network, batch, widths[layer], widths[layer + 1], pass);
    }

    /// <summary>The layout Hebb's dense layer runs this pass in.</summary>
    public MatrixLayout Layout => Pass switch
    {
        Pass.Forward => MatrixLayout.AB,
        Pass.WeightGradient => MatrixLayout.AtB,
        _ => MatrixLayout.ABt,
    };

    /// <summary>Weight gradients add up over the graph, so Hebb accumulates them into the gradient buffer.</summary>
    public bool Accumulate => Pass == Pass.WeightGradient;

    /// <summary>C[m,n] = op(A)[m,k]·op(B)[k,n].</summary>
    public (int M, int K, int N) Dimensions => Pass switch
    {
        Pass.Forward => (Batch, Inputs, Outputs),
        Pass.WeightGradient => (Inputs, Batch, Outputs),
        _ => (Batch, Outputs, Inputs),
    };

    /// <summary>2·m·k·n: one multiply and one add per term.</summary>
    public double Flops
    {
        get
        {
            var (m, k, n) = Dimensions;
            return 2.0 * m * k * n;
        }
    }

    /// <summary>BenchmarkDotNet sorts parameters with this: in the order of <see cref="Measured"/>'s networks, then
    /// passes in order, layers from input to output.</summary>
    public int CompareTo(object? other)
    {
        if (other is not DenseProduct product) return 1;
        var order = Measured().ToList();
        return order.IndexOf(this).CompareTo(order.IndexOf(product));
    }

    /// <summary>The name the benchmark filter matches, e.g. <c>784-300-100-10 b50 dW 784-&gt;300</c>.</summary>
    public override string ToString() => $"{Network} b{Batch} " + Pass switch
    {
        Pass.Forward => $"forward {Inputs}->{Outputs}",
        Pass.WeightGradient => $"dW {Inputs}->{Outputs}",
        _ => $"dX {Inputs}->{Outputs}",
    };
}
