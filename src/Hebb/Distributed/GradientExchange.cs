using System.Diagnostics;
using Hebb.Layers;

namespace Hebb.Distributed;

/// <summary>
/// Data parallelism's part of a training step, for a <see cref="Sequential"/> trained on every rank of an
/// <see cref="IProcessGroup"/>: each global batch is cut into one contiguous share per rank, each rank computes the
/// gradient of its share's mean loss, and <see cref="Average"/> turns these into the gradient of the global batch's
/// mean loss on every rank (each share weighted by its rows, summed in one allreduce), so that every rank takes the
/// same optimiser step as one process would on the whole batch. All gradients travel in one buffer made once.
/// </summary>
internal sealed class GradientExchange
{
    private readonly IProcessGroup group;
    private readonly Parameter[] parameters;
    private readonly Sequential model;
    // Every parameter's gradient, one after the other, then the share's weighted loss.
    private readonly float[] buffer;
    // Time spent in the group's calls: what the exchange costs a rank (waiting for the others included).
    private readonly Stopwatch clock = new();

    /// <exception cref="ArgumentException">The model has a layer whose training would differ from one process's.</exception>
    public GradientExchange(IProcessGroup group, Sequential model)
    {
        // Batch statistics would be each share's, not the global batch's; dropout masks would be drawn alike on every rank.
        if (model.Buffers.Count > 0)
            throw new ArgumentException($"data-parallel training does not support layers with running statistics (batch normalization: {model.Buffers[0].Key}), whose batch statistics would be each rank's share's");
        if (model.Layers.OfType<IStochasticLayer>().FirstOrDefault() is { } stochastic)
            throw new ArgumentException($"data-parallel training does not support dropout ({stochastic.GetType().Name}): every rank would draw the same masks");
        this.group = group;
        this.model = model;
        parameters = model.Parameters.ToArray();
        buffer = new float[parameters.Sum(parameter => parameter.Value.Length) + 1];
    }

    /// <summary>The rows of a global batch of <paramref name="globalRows"/> that this rank trains on.</summary>
    public (int Start, int Count) Share(int globalRows)
    {
        int start = (int)((long)globalRows * group.Rank / group.Size);
        int end = (int)((long)globalRows * (group.Rank + 1) / group.Size);
        return (start, end - start);
    }

    /// <summary>Gives every rank rank 0's parameters (a run starts from one model, however each rank made its own).</summary>
    public void BroadcastModel()
    {
        foreach (var parameter in parameters) group.Broadcast(parameter.Value.Data);
    }

    /// <summary>
    /// Replaces every parameter's gradient, that of the mean loss over this rank's <paramref name="rows"/> rows (zero
    /// when it has none), with that of the mean loss over the <paramref name="globalRows"/> of every rank's shares, and
    /// returns that mean loss.
    /// </summary>
    public float Average(int rows, int globalRows, float loss)
    {
        float weight = (float)rows / globalRows;
        int offset = 0;
        foreach (var parameter in parameters)
        {
            var gradient = parameter.Value.GradData();
            TensorPrimitives.Multiply(gradient, weight, buffer.AsSpan(offset, gradient.Length));
            offset += gradient.Length;
        }
        buffer[offset] = rows == 0 ? 0f : loss * weight;
        clock.Start();
        group.SumInPlace(buffer);
        clock.Stop();
        offset = 0;
        foreach (var parameter in parameters)
        {
            var gradient = parameter.Value.GradData();
            buffer.AsSpan(offset, gradient.Length).CopyTo(gradient);
            offset += gradient.Length;
        }
        return buffer[offset];
    }

    /// <summary>Time spent in the process group's calls of <see cref="Average"/> since the last <see cref="ResetClock"/>.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Starts <see cref="Elapsed"/> again from 0.</summary>
    public void ResetClock() => clock.Reset();

    /// <summary>Floats each rank sends (and receives) per step.</summary>
    public int FloatsPerStep => buffer.Length;
}
