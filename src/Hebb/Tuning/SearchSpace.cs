using Hebb.Activations;
using Hebb.Tensors;

namespace Hebb.Tuning;

/// <summary>
/// The networks a search may try: 1 to 4 hidden layers shaped like a funnel (widths drawn log-uniformly from 16 to 512,
/// each layer no wider than the one before), one hidden activation, and a learning rate drawn log-uniformly.
/// </summary>
public sealed class SearchSpace
{
    /// <summary>The hidden activations the note plots; heaviside is left out, its zero derivative cannot train.</summary>
    public static readonly IReadOnlyList<Activation> HiddenActivations =
        [Activation.Relu, Activation.Tanh, Activation.Sigmoid, Activation.Elu, Activation.LeakyRelu];

    /// <summary>Fewest hidden layers a network may have (1).</summary>
    public int MinHiddenLayers { get; init; } = 1;
    /// <summary>Most hidden layers a network may have (4).</summary>
    public int MaxHiddenLayers { get; init; } = 4;
    /// <summary>Narrowest hidden layer, in units (16).</summary>
    public int MinWidth { get; init; } = 16;
    /// <summary>Widest hidden layer, in units (512).</summary>
    public int MaxWidth { get; init; } = 512;
    /// <summary>Hidden activations to choose from, one per network (by default all of <see cref="HiddenActivations"/>).</summary>
    public IReadOnlyList<Activation> Activations { get; init; } = HiddenActivations;
    /// <summary>Smallest learning rate drawn (0.001).</summary>
    public double MinLearningRate { get; init; } = 1e-3;
    /// <summary>Largest learning rate drawn (0.3).</summary>
    public double MaxLearningRate { get; init; } = 0.3;

    /// <summary>Checks that every range is non-empty and in order and every activation can train.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A range is empty, out of order or not positive.</exception>
    /// <exception cref="ArgumentException">No activation, or one outside <see cref="HiddenActivations"/>.</exception>
    public void Validate()
    {
        if (MinHiddenLayers < 1 || MaxHiddenLayers < MinHiddenLayers)
            throw new ArgumentOutOfRangeException(nameof(MaxHiddenLayers),
                $"hidden layers must run from at least 1 to no fewer, got {MinHiddenLayers}..{MaxHiddenLayers}");
        if (MinWidth < 1 || MaxWidth < MinWidth)
            throw new ArgumentOutOfRangeException(nameof(MaxWidth), $"widths must run from at least 1 to no fewer, got {MinWidth}..{MaxWidth}");
        if (!(MinLearningRate > 0) || !(MaxLearningRate >= MinLearningRate) || !double.IsFinite(MaxLearningRate))
            throw new ArgumentOutOfRangeException(nameof(MaxLearningRate),
                $"learning rates must be positive, finite and in order, got {MinLearningRate}..{MaxLearningRate}");
        if (Activations.Count == 0) throw new ArgumentException("the search needs at least one hidden activation", nameof(Activations));
        var unusable = Activations.FirstOrDefault(a => !HiddenActivations.Contains(a));
        if (unusable is not null)
            throw new ArgumentException(
                $"'{unusable.Name}' is not a hidden activation the search can train; expected {string.Join(", ", HiddenActivations)}", nameof(Activations));
    }

    /// <summary>One network for data of <paramref name="inputs"/> features and <paramref name="outputs"/> classes.</summary>
    public TrialConfiguration Draw(SeededRandom random, int inputs, int outputs)
    {
        int layers = MinHiddenLayers + random.NextInt(MaxHiddenLayers - MinHiddenLayers + 1);
        var widths = new int[layers];
        // Drawn over [MinWidth, MaxWidth + 1) and floored, so each integer width gets its log-uniform share.
        for (int i = 0; i < layers; i++) widths[i] = Math.Min(MaxWidth, (int)LogUniform(random, MinWidth, MaxWidth + 1));
        Array.Sort(widths, (a, b) => b.CompareTo(a));
        var activation = Activations[random.NextInt(Activations.Count)];
        return new TrialConfiguration(inputs, widths, outputs, activation, LearningRate(random));
    }

    // Three significant digits, so that the printed rate is the rate: 'hebb train --learning-rate 0.0123' repeats a trial.
    private float LearningRate(SeededRandom random)
    {
        double drawn = LogUniform(random, MinLearningRate, MaxLearningRate);
        int decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(drawn)), 0, 15);
        return (float)Math.Clamp(Math.Round(drawn, decimals), MinLearningRate, MaxLearningRate);
    }

    private static double LogUniform(SeededRandom random, double min, double max) =>
        Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max) - Math.Log(min)));
}
