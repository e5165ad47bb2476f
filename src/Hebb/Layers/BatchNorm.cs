using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Layers;

/// <summary>
/// Batch normalization of each feature, then an activation: a = f(γ·x̂ + β), as PyTorch's <c>BatchNorm1d</c>
/// followed by f. In training, x̂ = (x − μ)/√(σ² + ε) with the batch's mean μ and biased variance σ², and the
/// running statistics move towards them with momentum 0.1 (the running variance towards the unbiased variance);
/// in evaluation the running statistics take their place. γ starts at one, β at zero, the running mean at zero
/// and the running variance at one. The running statistics are saved with the model as buffers.
/// </summary>
public sealed class BatchNorm : Layer, IKernelLayer
{
    /// <summary>PyTorch's default: ε added to the variance before the square root.</summary>
    public const float Epsilon = 1e-5f;

    /// <summary>PyTorch's default: the weight of the batch's statistics in each update of the running ones.</summary>
    public const float Momentum = 0.1f;

    private readonly Parameter gamma;
    private readonly Parameter beta;
    private string runningMeanName = "running_mean";
    private string runningVarianceName = "running_var";

    /// <summary>Batch normalization of <paramref name="features"/> features with fresh statistics, followed by <paramref name="activation"/>.</summary>
    public BatchNorm(int features, Activation? activation = null, string? name = null)
        : this(Tensor.Ones(CheckedFeatures(features)), Tensor.Zeros(features), Tensor.Zeros(features), Tensor.Ones(features), activation, name)
    {
    }

    /// <summary>A layer with given γ, β, running mean and running variance, all [features], e.g. loaded from a file.</summary>
    public BatchNorm(Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVariance, Activation? activation = null, string? name = null)
    {
        if (gamma.Rank != 1 || !gamma.SameShape(beta) || !gamma.SameShape(runningMean) || !gamma.SameShape(runningVariance))
            throw new ArgumentException($"BatchNorm: gamma {gamma.ShapeString}, beta {beta.ShapeString}, running mean {runningMean.ShapeString} and running variance {runningVariance.ShapeString} must all be [features]");
        Activation = activation ?? Activation.Identity;
        this.gamma = new Parameter(ScopedName(name, "gamma"), gamma);
        this.beta = new Parameter(ScopedName(name, "beta"), beta);
        RunningMean = runningMean;
        RunningVariance = runningVariance;
        if (name is not null) Rename(name);
    }

    /// <summary>Values per row, in and out.</summary>
    public int Features => gamma.Value.Length;

    /// <summary>f, applied after the normalization.</summary>
    public Activation Activation { get; }

    /// <summary>γ [features], the scale after normalizing.</summary>
    public Tensor Gamma => gamma.Value;

    /// <summary>β [features], the shift after normalizing.</summary>
    public Tensor Beta => beta.Value;

    /// <summary>The mean used in evaluation [features].</summary>
    public Tensor RunningMean { get; }

    /// <summary>The variance used in evaluation [features].</summary>
    public Tensor RunningVariance { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => [gamma, beta];

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, Tensor>> Buffers =>
        [new(runningMeanName, RunningMean), new(runningVarianceName, RunningVariance)];

    /// <inheritdoc/>
    public override string Kind => "batch_norm";

    /// <inheritdoc/>
    public int? InputWidth => Features;

    /// <inheritdoc/>
    public int OutputWidth(int inputWidth) => Features;

    /// <inheritdoc/>
    public LayerKernels CreateKernels(int inputWidth, int maxRows)
    {
        if (inputWidth != Features) throw new ArgumentException($"BatchNorm {Name}: rows of {inputWidth} values, expected {Features}");
        return new Kernels(this, maxRows);
    }

    /// <summary>f(γ·x̂ + β) for input [batch, features], recorded as one operation; in training mode it also
    /// updates the running statistics.</summary>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 2 || input.Shape[1] != Features)
            throw new ArgumentException($"BatchNorm {Name}: input of shape {input.ShapeString}, expected [batch, {Features}]");
        int rows = input.Shape[0];
        var kernels = new Kernels(this, rows);
        var output = new Tensor(kernels.Forward(input.Data, rows, IsTraining), rows, Features);
        return Autograd.Record("BatchNorm", output, gradient => kernels.Backward(input.Data, rows, gradient.Data,
            input.RequiresGrad ? input.GradData() : null, accumulateInput: true), input, Gamma, Beta);
    }

    internal override void Rename(string name)
    {
        base.Rename(name);
        gamma.Name = ScopedName(name, "gamma");
        beta.Name = ScopedName(name, "beta");
        runningMeanName = ScopedName(name, "running_mean");
        runningVarianceName = ScopedName(name, "running_var");
    }

    /// <summary>BatchNorm(features[, activation]).</summary>
    public override string ToString() =>
        Activation == Activation.Identity ? $"BatchNorm({Features})" : $"BatchNorm({Features}, {Activation.Name})";

    private static int CheckedFeatures(int features) => features >= 1
        ? features
        : throw new ArgumentOutOfRangeException(nameof(features), $"BatchNorm: expected at least one feature, got {features}");

    /// <summary>
    /// The forward pass keeps x̂ and 1/√(σ² + ε) of its batch (or of the running variance in evaluation) for the
    /// backward pass. In training, with dy = dL/d(γ·x̂ + β): dγ = Σ dy·x̂, dβ = Σ dy and
    /// dx = γ/√(σ² + ε) · (dy − mean(dy) − x̂·mean(dy·x̂)); in evaluation the statistics are constants and
    /// dx = γ/√(σ² + ε) · dy.
    /// </summary>
    private sealed class Kernels(BatchNorm layer, int maxRows) : LayerKernels(layer.Features, layer.Features, maxRows)
    {
        private readonly int features = layer.Features;
        private readonly float[] output = new float[maxRows * layer.Features];
        private readonly float[] normalized = new float[maxRows * layer.Features];
        private readonly float[] mean = new float[layer.Features];
        private readonly float[] variance = new float[layer.Features];
        private readonly float[] inverseDeviation = new float[layer.Features];
        private readonly float[] gradientSum = new float[layer.Features];
        private readonly float[] gradientDotNormalized = new float[layer.Features];
        private readonly float[] scale = new float[layer.Features];
        private readonly float[] row = new float[layer.Features];
        private bool trainedLast;

        protected override Parameter[] Parameters { get; } = [.. layer.Parameters];

        public override float[] Forward(float[] input, int rows, bool training)
        {
            CheckRows(rows);
            trainedLast = training;
            if (training) BatchStatistics(input, rows);
            else
            {
                layer.RunningMean.Data.CopyTo(mean, 0);
                layer.RunningVariance.Data.CopyTo(variance, 0);
            }
            TensorPrimitives.Add(variance, Epsilon, inverseDeviation);
            TensorPrimitives.ReciprocalSqrt(inverseDeviation, inverseDeviation);
            for (int r = 0; r < rows; r++)
            {
                var x = input.AsSpan(r * features, features);
                var xHat = normalized.AsSpan(r * features, features);
                TensorPrimitives.Subtract(x, mean, xHat);
                TensorPrimitives.Multiply(xHat, inverseDeviation, xHat);
                TensorPrimitives.MultiplyAdd(xHat, layer.Gamma.Data, layer.Beta.Data, output.AsSpan(r * features, features));
            }
            var outputs = output.AsSpan(0, rows * features);
            layer.Activation.Forward(outputs, outputs, features);
            if (training) UpdateRunningStatistics(rows);
            return output;
        }

        public override void Backward(float[] input, int rows, float[] outputGradient, float[]? inputGradient, bool accumulateInput)
        {
            var dy = outputGradient.AsSpan(0, rows * features);
            layer.Activation.Backward(output.AsSpan(0, rows * features), dy, dy, features);
            Array.Clear(gradientSum);
            Array.Clear(gradientDotNormalized);
            for (int r = 0; r < rows; r++)
            {
                var dyRow = dy.Slice(r * features, features);
                TensorPrimitives.Add(gradientSum, dyRow, gradientSum);
                TensorPrimitives.MultiplyAdd(dyRow, normalized.AsSpan(r * features, features), gradientDotNormalized, gradientDotNormalized);
            }
            if (layer.Gamma.RequiresGrad) TensorPrimitives.Add(layer.Gamma.GradData(), gradientDotNormalized, layer.Gamma.GradData());
            if (layer.Beta.RequiresGrad) TensorPrimitives.Add(layer.Beta.GradData(), gradientSum, layer.Beta.GradData());
            if (inputGradient is null) return;

            // scale = γ/√(σ² + ε); in training the two batch means come off dy first.
            TensorPrimitives.Multiply(layer.Gamma.Data, inverseDeviation, scale);
            if (trainedLast)
            {
                TensorPrimitives.Multiply(gradientSum, -1f / rows, gradientSum);
                TensorPrimitives.Multiply(gradientDotNormalized, -1f / rows, gradientDotNormalized);
            }
            for (int r = 0; r < rows; r++)
            {
                var dyRow = dy.Slice(r * features, features);
                var dx = accumulateInput ? row.AsSpan() : inputGradient.AsSpan(r * features, features);
                if (trainedLast)
                {
                    TensorPrimitives.MultiplyAdd(normalized.AsSpan(r * features, features), gradientDotNormalized, gradientSum, dx);
                    TensorPrimitives.Add(dx, dyRow, dx);
                    TensorPrimitives.Multiply(dx, scale, dx);
                }
                else TensorPrimitives.Multiply(dyRow, scale, dx);
                if (accumulateInput)
                {
                    var target = inputGradient.AsSpan(r * features, features);
                    TensorPrimitives.Add(target, dx, target);
                }
            }
        }

        /// <summary>The batch's mean and biased variance, two passes over the rows.</summary>
        private void BatchStatistics(float[] input, int rows)
        {
            Array.Clear(mean);
            Array.Clear(variance);
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(mean, input.AsSpan(r * features, features), mean);
            TensorPrimitives.Multiply(mean, 1f / rows, mean);
            for (int r = 0; r < rows; r++)
            {
                TensorPrimitives.Subtract(input.AsSpan(r * features, features), mean, row);
                TensorPrimitives.MultiplyAdd(row, row, variance, variance);
            }
            TensorPrimitives.Multiply(variance, 1f / rows, variance);
        }

        /// <summary>running ← (1 − momentum)·running + momentum·batch, with the unbiased variance (the biased one
        /// for a batch of a single row, which has no other).</summary>
        private void UpdateRunningStatistics(int rows)
        {
            var runningMean = layer.RunningMean.Data;
            var runningVariance = layer.RunningVariance.Data;
            float unbiased = rows > 1 ? rows / (rows - 1f) : 1f;
            for (int f = 0; f < features; f++)
            {
                runningMean[f] = (1f - Momentum) * runningMean[f] + Momentum * mean[f];
                runningVariance[f] = (1f - Momentum) * runningVariance[f] + Momentum * (variance[f] * unbiased);
            }
        }
    }
}
