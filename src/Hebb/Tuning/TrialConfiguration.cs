using System.Globalization;
using Hebb.Activations;
using Hebb.Layers;
using Hebb.Training;

namespace Hebb.Tuning;

/// <summary>One network a search tries: its layer widths, hidden activation and learning rate. Prints as
/// <c>784-300-100-10 relu lr=0.0123</c>.</summary>
public sealed class TrialConfiguration
{
    /// <summary>A network of <paramref name="inputs"/> features, the given hidden widths (the list is copied) and
    /// <paramref name="outputs"/> classes, trained at <paramref name="learningRate"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one input or output.</exception>
    /// <exception cref="ArgumentException">No hidden layer, or one narrower than one unit.</exception>
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

    /// <summary>Features per sample, the width of the input layer.</summary>
    public int Inputs { get; }
    /// <summary>Units of each hidden layer, from the first; each no wider than the one before when drawn by a <see cref="SearchSpace"/>.</summary>
    public IReadOnlyList<int> HiddenWidths { get; }
    /// <summary>Classes, the width of the output layer (logits).</summary>
    public int Outputs { get; }
    /// <summary>The activation of every hidden layer; the output layer has none.</summary>
    public Activation HiddenActivation { get; }
    /// <summary>The SGD learning rate, kept to three significant digits when drawn.</summary>
    public float LearningRate { get; }

    /// <summary>The untrained network, initialised from <paramref name="seed"/> as <c>hebb train</c> does.</summary>
    public Sequential CreateModel(ulong seed) => Mlp.Create(Inputs, HiddenWidths, Outputs, HiddenActivation, seed);

    /// <summary>Plain SGD at <see cref="LearningRate"/> for the given epochs, batch size and seed of the batch order.</summary>
    public TrainingOptions TrainingOptions(int epochs, int batchSize, ulong seed) =>
        new() { Epochs = epochs, BatchSize = batchSize, LearningRate = LearningRate, Seed = seed };

    /// <summary>The layer widths from inputs to outputs, e.g. <c>784-300-100-10</c>.</summary>
    public string Shape => string.Join('-', [Inputs, .. HiddenWidths, Outputs]);

    /// <summary><c>784-300-100-10 relu lr=0.0123</c>: <see cref="Shape"/>, activation and learning rate.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Shape} {HiddenActivation.Name} lr={LearningRate}");
}
