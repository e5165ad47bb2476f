using System.Globalization;
using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>
/// Updates parameters from their gradients. Each parameter has the same named buffers (a momentum buffer, Adam's
/// moments, …), made at construction so that a step allocates nothing, and saved and restored by
/// <see cref="SaveState"/> and <see cref="LoadState"/>. Gradients are clipped, when asked, before every update.
/// </summary>
public abstract class Optimizer : IOptimizer
{
    // Arrays, not lists behind interfaces: looping over them allocates no enumerator, once per step.
    private readonly Parameter[] parameters;
    private readonly string[] bufferNames;
    private readonly float[][][] buffers;
    private float learningRate;

    /// <summary>An optimiser over <paramref name="parameters"/> with, per parameter, one zeroed buffer for each of
    /// <paramref name="bufferNames"/>.</summary>
    protected Optimizer(IEnumerable<Parameter> parameters, float learningRate, IReadOnlyList<string> bufferNames)
    {
        this.parameters = parameters.ToArray();
        if (this.parameters.Length == 0) throw new ArgumentException("an optimizer needs at least one parameter");
        if (!(learningRate > 0) || !float.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"learning rate must be positive and finite, got {learningRate}");
        this.learningRate = learningRate;
        this.bufferNames = bufferNames.ToArray();
        buffers = this.parameters
            .Select(parameter => this.bufferNames.Select(_ => new float[parameter.Value.Length]).ToArray())
            .ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>The rate of the next step: zero or more and finite (a schedule may reach zero).</summary>
    public float LearningRate
    {
        get => learningRate;
        set => learningRate = value >= 0 && float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), $"learning rate must be zero or more and finite, got {value}");
    }

    /// <inheritdoc />
    public long StepCount { get; private set; }

    /// <summary>The gradients' global L2 norm is scaled down to at most this before each step, as
    /// <c>torch.nn.utils.clip_grad_norm_</c> does; null: no clipping.</summary>
    public float? ClipNorm { get; init; }

    /// <summary>Each gradient value is clamped to [−v, v] before each step (after <see cref="ClipNorm"/>), as
    /// <c>torch.nn.utils.clip_grad_value_</c> does; null: no clipping.</summary>
    public float? ClipValue { get; init; }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Settings
    {
        get
        {
            var settings = new Dictionary<string, double>(UpdateSettings());
            if (ClipNorm is float norm) settings["clip_norm"] = norm;
            if (ClipValue is float value) settings["clip_value"] = value;
            return settings;
        }
    }

    /// <summary>The update rule's hyper-parameters other than the learning rate, keys as PyTorch names them.</summary>
    protected abstract IEnumerable<KeyValuePair<string, double>> UpdateSettings();

    /// <inheritdoc />
    public void Step()
    {
        StepCount++;
        if (ClipNorm is float maxNorm) GradientClipping.ClipByNorm(parameters, maxNorm);
        if (ClipValue is float maxValue) GradientClipping.ClipByValue(parameters, maxValue);
        for (int i = 0; i < parameters.Length; i++)
        {
            var gradient = parameters[i].Value.Grad;
            if (gradient is null) continue;
            Update(parameters[i].Value.Data, gradient.Data, buffers[i]);
        }
    }

    /// <summary>Counts a step that a fused kernel applied on this optimiser's behalf (plain SGD in the training step).</summary>
    internal void CountFusedStep() => StepCount++;

    /// <summary>Whether <see cref="Step()"/> clips the gradients first (then it must read them from the parameters).</summary>
    internal bool Clips => ClipNorm is not null || ClipValue is not null;

    /// <summary>
    /// A step from gradients held elsewhere than in the parameters: <paramref name="gradients"/> holds every parameter's,
    /// one after the other in <see cref="Parameters"/>' order (data-parallel training reads the ranks' sums where they
    /// were summed, in memory the ranks share, instead of copying them into the parameters first). Not for an
    /// optimiser that <see cref="Clips"/>.
    /// </summary>
    internal void Step(ReadOnlySpan<float> gradients)
    {
        if (Clips) throw new InvalidOperationException("clipping reads the parameters' own gradients");
        StepCount++;
        int offset = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            var value = parameters[i].Value.Data;
            Update(value, gradients.Slice(offset, value.Length), buffers[i]);
            offset += value.Length;
        }
    }

    /// <summary>
    /// One update of a parameter: <paramref name="value"/> from its <paramref name="gradient"/> and its
    /// <paramref name="buffers"/> (in the order of the buffer names given at construction), at
    /// <see cref="LearningRate"/> and <see cref="StepCount"/> (1 on the first step).
    /// </summary>
    protected abstract void Update(Span<float> value, ReadOnlySpan<float> gradient, float[][] buffers);

    /// <inheritdoc />
    public void ZeroGrad()
    {
        foreach (var parameter in parameters) parameter.Value.ZeroGrad();
    }

    /// <inheritdoc />
    public OptimizerState SaveState()
    {
        var slots = new List<OptimizerSlot>();
        for (int i = 0; i < parameters.Length; i++)
            for (int b = 0; b < bufferNames.Length; b++)
                slots.Add(new OptimizerSlot(SlotName(i, b), (float[])buffers[i][b].Clone()));
        return new OptimizerState(StepCount, slots);
    }

    /// <inheritdoc />
    public void LoadState(OptimizerState state)
    {
        int expected = parameters.Length * bufferNames.Length;
        if (state.Slots.Count != expected)
            throw new InvalidDataException($"optimizer state: {state.Slots.Count} slots, {Name} over these parameters has {expected}");
        if (state.StepCount < 0) throw new InvalidDataException($"optimizer state: step count {state.StepCount}, expected zero or more");
        for (int i = 0, slot = 0; i < parameters.Length; i++)
            for (int b = 0; b < bufferNames.Length; b++, slot++)
            {
                var saved = state.Slots[slot];
                string name = SlotName(i, b);
                if (saved.Name != name)
                    throw new InvalidDataException($"optimizer state: slot {slot} is '{saved.Name}', expected '{name}'");
                if (saved.Values.Length != buffers[i][b].Length)
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"optimizer state: slot '{name}' has {saved.Values.Length} values, expected {buffers[i][b].Length}"));
            }
        for (int i = 0, slot = 0; i < parameters.Length; i++)
            for (int b = 0; b < bufferNames.Length; b++, slot++)
                state.Slots[slot].Values.CopyTo(buffers[i][b], 0);
        StepCount = state.StepCount;
    }

    private string SlotName(int parameter, int buffer) => $"{parameters[parameter].Name}/{bufferNames[buffer]}";
}
