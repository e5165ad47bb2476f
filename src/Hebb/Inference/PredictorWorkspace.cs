using Hebb.Layers;

namespace Hebb.Inference;

/// <summary>What one call of a <see cref="Predictor"/> writes to: a copy of the samples and every layer's
/// outputs, for up to <see cref="ForwardPass.MaxRows"/> rows. A call has one to itself for its duration.</summary>
internal sealed class PredictorWorkspace(ForwardPass pass)
{
    public ForwardPass Pass { get; } = pass;

    /// <summary>The kernels read arrays; the caller's samples arrive as a span and are copied here.</summary>
    public float[] Input { get; } = new float[pass.MaxRows * pass.InputWidth];
}
