using Hebb.Activations;
using Hebb.Layers;

namespace Hebb.Inference;

/// <summary>
/// Predicts with a trained model, made once (<see cref="Sequential.CreatePredictor"/>,
/// <see cref="Serialization.SavedModel.CreatePredictor"/>) and then called as often as a service needs: one sample
/// or a batch, the logits, the probabilities or the class, into the caller's spans. It runs the model in
/// evaluation mode (no dropout; batch normalization by its running statistics) through each layer's buffer
/// kernels, without the autodiff tape, and allocates nothing once warm. A single sample does not wake the
/// kernels' worker threads; a dense layer skips its zero inputs (<see cref="Tensors.Kernels.MatrixVector"/>).
/// Its outputs are the model's <see cref="Layer.Forward"/> in evaluation mode up to rounding: a dense layer picks
/// its kernel for each batch, so a sample's logits may differ in the last bits from one batch to another.
/// Thread-safe: each call takes a workspace of its own from a pool, so many threads can predict at once. A dense
/// layer's kernel reads a copy of its weights, laid out for it, made at a workspace's first call: make a new
/// predictor after training the model further (its outputs would otherwise be of no particular step).
/// </summary>
public sealed class Predictor
{
    /// <summary>The rows one pass through the buffers takes; a larger batch goes through in slices of this many.</summary>
    public const int DefaultMaxBatch = 256;

    private readonly WorkspacePool workspaces;

    internal Predictor(Sequential model, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        if (!CanRun(model))
        {
            var other = model.Layers.FirstOrDefault(layer => layer is not IKernelLayer);
            throw new NotSupportedException(other is not null
                ? $"Predictor: layer '{other.Name}' ({other.Kind}) has no buffer kernels (IKernelLayer)"
                : "Predictor: no layer of the model fixes the width of its input rows");
        }
        MaxBatch = maxBatch;
        workspaces = new WorkspacePool(() => new PredictorWorkspace(ForwardPass.For(model, maxBatch)!), slotCount: 4 * Environment.ProcessorCount);
        InputWidth = model.InputWidth!.Value;
        OutputWidth = model.OutputWidth!.Value;
    }

    /// <summary>Whether a predictor can run <paramref name="model"/>: every layer has buffer kernels and one fixes the input width.</summary>
    internal static bool CanRun(Sequential model) => model.Layers.All(layer => layer is IKernelLayer) && model.InputWidth is not null;

    /// <summary>Values per sample.</summary>
    public int InputWidth { get; }

    /// <summary>Outputs per sample: the classes, for a classifier.</summary>
    public int OutputWidth { get; }

    /// <summary>The rows one pass takes (larger batches are sliced).</summary>
    public int MaxBatch { get; }

    /// <summary>The most likely class of one sample of <see cref="InputWidth"/> values: the argmax of its logits.</summary>
    public int Predict(ReadOnlySpan<float> sample)
    {
        CheckRows(sample, 1, "sample");
        Span<int> predicted = stackalloc int[1];
        Run(sample, [], predicted, softmax: false);
        return predicted[0];
    }

    /// <summary>The most likely class of one sample, with the probability of each class (softmax of the logits)
    /// written to <paramref name="probabilities"/>.</summary>
    public int Predict(ReadOnlySpan<float> sample, Span<float> probabilities)
    {
        CheckRows(sample, 1, "sample");
        CheckOutputs(probabilities, 1, nameof(probabilities));
        Span<int> predicted = stackalloc int[1];
        Run(sample, probabilities, predicted, softmax: true);
        return predicted[0];
    }

    /// <summary>The most likely class of each sample of <paramref name="samples"/> (rows of <see cref="InputWidth"/>
    /// values, side by side) into <paramref name="classes"/>, one per sample.</summary>
    public void Predict(ReadOnlySpan<float> samples, Span<int> classes)
    {
        int rows = CheckRows(samples, null, nameof(samples));
        if (classes.Length != rows)
            throw new ArgumentException($"Predictor: {rows} samples need {rows} places for their classes, found {classes.Length}", nameof(classes));
        Run(samples, [], classes, softmax: false);
    }

    /// <summary>The logits [samples, <see cref="OutputWidth"/>] of the samples, into <paramref name="logits"/>.</summary>
    public void Logits(ReadOnlySpan<float> samples, Span<float> logits)
    {
        CheckOutputs(logits, CheckRows(samples, null, nameof(samples)), nameof(logits));
        Run(samples, logits, [], softmax: false);
    }

    /// <summary>The probabilities [samples, <see cref="OutputWidth"/>] of the samples (softmax of each row of
    /// logits), into <paramref name="probabilities"/>.</summary>
    public void Probabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        CheckOutputs(probabilities, CheckRows(samples, null, nameof(samples)), nameof(probabilities));
        Run(samples, probabilities, [], softmax: true);
    }

    /// <summary>Runs the samples through the model, slice by slice, writing the outputs (their softmax, with
    /// <paramref name="softmax"/>) and the argmax of each row to whichever of the two spans is not empty.</summary>
    private void Run(ReadOnlySpan<float> samples, Span<float> outputs, Span<int> classes, bool softmax)
    {
        int rows = samples.Length / InputWidth;
        var workspace = workspaces.Rent();
        try
        {
            for (int start = 0; start < rows; start += MaxBatch)
            {
                int count = Math.Min(MaxBatch, rows - start);
                samples.Slice(start * InputWidth, count * InputWidth).CopyTo(workspace.Input);
                var logits = workspace.Pass.Predict(workspace.Input, count).AsSpan(0, count * OutputWidth);
                if (!outputs.IsEmpty)
                {
                    var target = outputs.Slice(start * OutputWidth, count * OutputWidth);
                    if (softmax) Activation.Softmax.Forward(logits, target, OutputWidth);
                    else logits.CopyTo(target);
                }
                for (int i = 0; i < count && !classes.IsEmpty; i++)
                    classes[start + i] = ClassOf(logits.Slice(i * OutputWidth, OutputWidth));
            }
        }
        finally
        {
            workspaces.Return(workspace);
        }
    }

    /// <summary>The class a row of logits predicts: the index of its largest value, the first of equal ones (the
    /// index of the first NaN, if there is one, as <c>TensorPrimitives.IndexOfMax</c> gives).</summary>
    // A loop of our own rather than TensorPrimitives.IndexOfMax, whose generic code is compiled at run time (it cannot be
    // ahead of time: it branches on the machine's vector width), costing a one-shot 'hebb predict' several milliseconds.
    public static int ClassOf(ReadOnlySpan<float> logits)
    {
        int best = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            if (float.IsNaN(logits[i])) return i;
            if (logits[i] > logits[best]) best = i;
        }
        return best;
    }

    private int CheckRows(ReadOnlySpan<float> samples, int? expectedRows, string name)
    {
        if (samples.Length == 0 || samples.Length % InputWidth != 0 || (expectedRows is int rows && samples.Length != rows * InputWidth))
            throw new ArgumentException(expectedRows == 1
                ? $"Predictor: a sample of {samples.Length} values, expected {InputWidth}"
                : $"Predictor: {samples.Length} values, expected a positive multiple of {InputWidth} (rows of samples)", name);
        return samples.Length / InputWidth;
    }

    private void CheckOutputs(Span<float> outputs, int rows, string name)
    {
        if (outputs.Length != rows * OutputWidth)
            throw new ArgumentException($"Predictor: {rows} sample(s) give {rows * OutputWidth} outputs, found room for {outputs.Length}", name);
    }
}
