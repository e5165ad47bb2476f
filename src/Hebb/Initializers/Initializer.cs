using Hebb.Tensors;

namespace Hebb.Initializers;

/// <summary>Draws the initial weights [inputs, outputs] of a layer from a seeded generator.</summary>
public abstract class Initializer
{
    /// <summary>The note's: normal with standard deviation 2/√inputs, redrawn beyond two standard deviations; <see cref="Layers.Dense"/>'s default.</summary>
    public static readonly Initializer TruncatedNormal = new TruncatedNormal();
    /// <summary>All zeros, for biases.</summary>
    public static readonly Initializer Zeros = new Zeros();
    /// <summary>Glorot (Xavier) uniform, U(−l, l) with l = √(6 / (inputs + outputs)).</summary>
    public static readonly Initializer GlorotUniform = new GlorotUniform();
    /// <summary>He (Kaiming) normal, N(0, 2 / inputs).</summary>
    public static readonly Initializer HeNormal = new HeNormal();

    /// <summary>Every built-in initializer, by its <see cref="Name"/>.</summary>
    public static IReadOnlyList<Initializer> All { get; } = [TruncatedNormal, Zeros, GlorotUniform, HeNormal];

    /// <summary>The name used in saved models and on the command line, e.g. <c>truncated_normal</c>.</summary>
    public abstract string Name { get; }

    /// <summary>A new [inputs, outputs] weight tensor, drawn from <paramref name="random"/> (which it advances), so that the same seed gives the same weights.</summary>
    public abstract Tensor Create(int inputs, int outputs, SeededRandom random);

    /// <summary>The built-in initializer named <paramref name="name"/>, case and <c>-</c>/<c>_</c> aside.</summary>
    /// <exception cref="ArgumentException">No initializer has that name; the message lists those that do.</exception>
    public static Initializer Parse(string name) =>
        All.FirstOrDefault(initializer => initializer.Name == name.Trim().ToLowerInvariant().Replace('-', '_'))
        ?? throw new ArgumentException($"unknown initializer '{name}'; expected one of {string.Join(", ", All.Select(i => i.Name))}");

    /// <summary>The initializer's <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
