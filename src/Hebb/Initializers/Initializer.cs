using Hebb.Tensors;

namespace Hebb.Initializers;

/// <summary>Draws the initial weights [inputs, outputs] of a layer from a seeded generator.</summary>
public abstract class Initializer
{
    public static readonly Initializer TruncatedNormal = new TruncatedNormal();
    public static readonly Initializer Zeros = new Zeros();
    public static readonly Initializer GlorotUniform = new GlorotUniform();
    public static readonly Initializer HeNormal = new HeNormal();

    public static IReadOnlyList<Initializer> All { get; } = [TruncatedNormal, Zeros, GlorotUniform, HeNormal];

    /// <summary>The name used in saved models and on the command line, e.g. <c>truncated_normal</c>.</summary>
    public abstract string Name { get; }

    public abstract Tensor Create(int inputs, int outputs, SeededRandom random);

    public static Initializer Parse(string name) =>
        All.FirstOrDefault(initializer => initializer.Name == name.Trim().ToLowerInvariant().Replace('-', '_'))
        ?? throw new ArgumentException($"unknown initializer '{name}'; expected one of {string.Join(", ", All.Select(i => i.Name))}");

    public override string ToString() => Name;
}
