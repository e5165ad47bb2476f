using Hebb.Layers;

namespace Hebb.Optimizers;

/// <summary>
/// Stochastic gradient descent, p ← p − η·g — the note's <c>GradientDescentOptimizer</c>. With momentum μ
/// it follows PyTorch: v ← μ·v + g, p ← p − η·v.
/// </summary>
public sealed class Sgd(IEnumerable<Parameter> parameters, float learningRate, float momentum = 0f)
    : Optimizer<Sgd.State>(parameters)
{
    public float LearningRate { get; set; } = learningRate > 0 && float.IsFinite(learningRate)
        ? learningRate
        : throw new ArgumentOutOfRangeException(nameof(learningRate), $"learning rate must be positive and finite, got {learningRate}");

    public float Momentum { get; } = momentum is >= 0f and < 1f
        ? momentum
        : throw new ArgumentOutOfRangeException(nameof(momentum), $"momentum must lie in [0, 1), got {momentum}");

    /// <summary>Per-parameter state: the velocity, present only with momentum.</summary>
    public sealed class State(int length, bool withVelocity)
    {
        public float[]? Velocity { get; } = withVelocity ? new float[length] : null;
    }

    protected override State CreateState(Parameter parameter) => new(parameter.Value.Length, Momentum > 0f);

    protected override void Update(Span<float> value, ReadOnlySpan<float> gradient, State state)
    {
        if (state.Velocity is { } velocity)
        {
            TensorPrimitives.MultiplyAdd(velocity, Momentum, gradient, velocity);
            gradient = velocity;
        }
        TensorPrimitives.MultiplyAdd(gradient, -LearningRate, value, value);
    }
}
