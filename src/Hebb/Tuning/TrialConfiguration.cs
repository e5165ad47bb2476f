using System.Globalization;
using Hebb.Activations;
using Hebb.Layers;
using Hebb.Training;

namespace Hebb.Tuning;

/// <summary>One network a search tries: its layer widths, hidden activation and learning rate. Prints as
/// <c>784-300-100-10 relu lr=0.0123</c>.</summary>
public sealed class TrialConfiguration
{
    public TrialConfiguration(int inputs, IReadOnlyList<int> hiddenWidths, int outputs, Activation hiddenActivation, float learningRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        if (hiddenWidths.Count == 0 || hiddenWidths.Any(width => width < 1))
            throw new ArgumentException($"expected at least one positive hidden width, got [{string.Join(", ", hiddenWidths)}]", nameof(hiddenWidths));
        Inputs = inputs;
        HiddenWidths = [.. hiddenWidths];
        Outputs = outputs;
        HiddenActivation = hiddenActivation;
        LearningRate = learningRate;
    }

    public int Inputs { get; }
    public IReadOnlyList<int> HiddenWidths { get; }
    public int Outputs { get; }
    public Activation HiddenActivation { get; }
    public float LearningRate { get; }

    /// <summary>The untrained network, initialised from <paramref name="seed"/> as <c>hebb train</c> does.</summary>
    public Sequential CreateModel(ulong seed) => Mlp.Create(Inputs, HiddenWidths, Outputs, HiddenActivation, seed);

    public TrainingOptions TrainingOptions(int epochs, int batchSize, ulong seed) =>
        new() { Epochs = epochs, BatchSize = batchSize, LearningRate = LearningRate, Seed = seed };

    /// <summary>The layer widths from inputs to outputs, e.g. <c>784-300-100-10</c>.</summary>
    public string Shape => string.Join('-', [Inputs, .. HiddenWidths, Outputs]);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Shape} {HiddenActivation.Name} lr={LearningRate}");
}
