using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Layers;

/// <summary>
/// Inverted dropout: in training each value is zeroed with probability <see cref="Rate"/> and the others are
/// scaled by 1/(1 − rate), so that evaluation, where the layer is the identity, needs no rescaling. The masks
/// come from the layer's own seeded generator (<see cref="Random"/>), so a seed gives the same masks on every
/// machine, and a checkpoint that saves the generator's state (see <see cref="IStochasticLayer"/>) continues them exactly.
/// </summary>
public sealed class Dropout : Layer, IKernelLayer, IStochasticLayer
{
    /// <summary>Dropout of a share <paramref name="rate"/> in [0, 1) of the values, masks drawn from <paramref name="random"/>.</summary>
    public Dropout(float rate, SeededRandom random, string? name = null)
    {
        if (!(rate >= 0f && rate < 1f))
            throw new ArgumentOutOfRangeException(nameof(rate), $"Dropout: the rate must lie in [0, 1), got {rate}");
        Rate = rate;
        Random = random ?? throw new ArgumentNullException(nameof(random));
        if (name is not null) Rename(name);
    }

    /// <summary>The probability that a value is dropped in training.</summary>
    public float Rate { get; }

    /// <summary>The generator of the masks.</summary>
    public SeededRandom Random { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => [];

    /// <inheritdoc/>
    public override string Kind => "dropout";

    /// <inheritdoc/>
    public int? InputWidth => null;

    /// <inheritdoc/>
    public int OutputWidth(int inputWidth) => inputWidth;

    /// <inheritdoc/>
    public LayerKernels CreateKernels(int inputWidth, int maxRows) => new Kernels(this, inputWidth, maxRows);

    /// <summary>The input with a fresh mask applied in training mode; the input itself in evaluation.</summary>
    public override Tensor Forward(Tensor input)
    {
        if (!IsTraining || input.Length == 0) return input;
        int width = input.Shape[^1];
        int rows = input.Length / width;
        var kernels = new Kernels(this, width, rows);
        var output = new Tensor(kernels.Forward(input.Data, rows, training: true), input.ShapeArray());
        return Autograd.Record("Dropout", output, gradient => kernels.Backward(input.Data, rows, gradient.Data,
            input.RequiresGrad ? input.GradData() : null, accumulateInput: true), input);
    }

    /// <summary>Dropout(rate).</summary>
    public override string ToString() => $"Dropout({Rate.ToString(System.Globalization.CultureInfo.InvariantCulture)})";

    /// <summary>The mask of the last training forward pass, as factors 0 or 1/(1 − rate): dx = dy · mask.</summary>
    private sealed class Kernels(Dropout layer, int width, int maxRows) : LayerKernels(width, width, maxRows)
    {
        private readonly float[] mask = new float[maxRows * width];
        private readonly float[] output = new float[maxRows * width];

        protected override Parameter[] Parameters { get; } = [];

        public override float[] Forward(float[] input, int rows, bool training)
        {
            CheckRows(rows);
            if (!training) return input;
            int count = rows * InputWidth;
            DrawMask(mask.AsSpan(0, count));
            TensorPrimitives.Multiply(input.AsSpan(0, count), mask.AsSpan(0, count), output.AsSpan(0, count));
            return output;
        }

        public override void Backward(float[] input, int rows, float[] outputGradient, float[]? inputGradient, bool accumulateInput)
        {
            if (inputGradient is null) return;
            int count = rows * InputWidth;
            var target = inputGradient.AsSpan(0, count);
            if (accumulateInput) TensorPrimitives.MultiplyAdd(outputGradient.AsSpan(0, count), mask.AsSpan(0, count), target, target);
            else TensorPrimitives.Multiply(outputGradient.AsSpan(0, count), mask.AsSpan(0, count), target);
        }

        /// <summary>Each 64-bit draw decides two values: each half, as a uniform 32-bit number, drops its value when
        /// below rate·2³².</summary>
        private void DrawMask(Span<float> target)
        {
            uint threshold = (uint)Math.Min(uint.MaxValue, Math.Round(layer.Rate * 4294967296.0));
            float kept = 1f / (1f - layer.Rate);
            for (int i = 0; i < target.Length; i += 2)
            {
                ulong draw = layer.Random.NextUInt64();
                target[i] = (uint)draw < threshold ? 0f : kept;
                if (i + 1 < target.Length) target[i + 1] = (uint)(draw >> 32) < threshold ? 0f : kept;
            }
        }
    }
}
