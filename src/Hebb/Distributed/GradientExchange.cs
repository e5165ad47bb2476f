using System.Diagnostics;
using Hebb.Layers;
using Hebb.Optimizers;

namespace Hebb.Distributed;

/// <summary>
/// Data parallelism's part of a training step, for a <see cref="Sequential"/> trained on every rank of an
/// <see cref="IProcessGroup"/>: each global batch is cut into one contiguous share per rank, each rank computes the
/// gradient of its share's loss summed over its rows and divided by the global batch's rows (the training step scales the
/// loss's gradient by <see cref="GradientScale"/>), and the exchange sums these over the ranks: the gradient of the global
/// batch's mean loss on every rank, with no pass over the gradients before or after the sum, so that every rank takes the
/// same optimiser step as one process would on the whole batch.
/// <para>
/// When every rank runs on one host the sums go through memory they all map (<see cref="SharedMemoryGradients"/>), as
/// NCCL and Horovod do within a host; otherwise through MPI's allreduces, in buckets sent while the backward pass still
/// runs (<see cref="AllreduceBuckets"/>).
/// </para>
/// </summary>
internal sealed class GradientExchange
{
    private readonly IProcessGroup group;
    private readonly Parameter[] parameters;
    // Time spent summing: what the exchange costs a rank (waiting for the others included); and of it, waiting alone,
    // where the sum can tell.
    private readonly Stopwatch clock = new();
    private readonly Stopwatch waiting = new();

    /// <exception cref="ArgumentException">The model has a layer whose training would differ from one process's.</exception>
    public GradientExchange(IProcessGroup group, Sequential model)
    {
        // Batch statistics would be each share's, not the global batch's; dropout masks would be drawn alike on every rank.
        if (model.Buffers.Count > 0)
            throw new ArgumentException($"data-parallel training does not support layers with running statistics (batch normalization: {model.Buffers[0].Key}), whose batch statistics would be each rank's share's");
        if (model.Layers.OfType<IStochasticLayer>().FirstOrDefault() is { } stochastic)
            throw new ArgumentException($"data-parallel training does not support dropout ({stochastic.GetType().Name}): every rank would draw the same masks");
        this.group = group;
        parameters = model.Parameters.ToArray();
        Sum = SharedMemoryGradients.For(group, parameters, clock, waiting) ?? (IGradientSum)new AllreduceBuckets(group, model, clock);
    }

    /// <summary>How the gradients are summed.</summary>
    public IGradientSum Sum { get; }

    /// <summary>What the training step's backward pass calls after each layer (null: nothing).</summary>
    public Action<int>? LayerDoneCallback => Sum.LayerDone;

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

    /// <summary>What the training step multiplies the gradient of this rank's share's mean loss by, this step: its rows over
    /// the global batch's, so that the ranks' sum is the global batch's mean.</summary>
    public float GradientScale { get; private set; }

    /// <summary>Starts a step in which this rank computes the gradient of its <paramref name="rows"/> rows' loss times
    /// <see cref="GradientScale"/> (no rows: its gradients must be 0) out of a global batch of <paramref name="globalRows"/>.</summary>
    public void Begin(int rows, int globalRows) => GradientScale = (float)rows / globalRows;

    /// <summary>Once every gradient of the step is computed: sums them over the ranks (every rank makes the same calls,
    /// whether or not its backward pass called <see cref="LayerDoneCallback"/>) and returns the global batch's mean loss,
    /// <paramref name="loss"/> being this rank's share's.</summary>
    public float Finish(float loss) => Sum.Run(Weighted(loss));

    /// <summary>As <see cref="Finish"/>, then <paramref name="optimizer"/>'s step from the sums, every rank the same: through
    /// shared memory, read where the ranks summed them when the optimiser can (then the parameters' gradients keep this
    /// rank's share's).</summary>
    public float Step(float loss, IOptimizer optimizer) => Sum.Step(Weighted(loss), optimizer);

    private float Weighted(float loss) => GradientScale == 0f ? 0f : loss * GradientScale;

    /// <summary>Time spent summing since the last <see cref="ResetClock"/>.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Of <see cref="Elapsed"/>, the time spent waiting for the other ranks to be ready, or null where the sum
    /// cannot tell it from the sending (inside MPI's allreduces).</summary>
    public TimeSpan? Waiting => Sum.TimesWaiting ? waiting.Elapsed : null;

    /// <summary>Starts <see cref="Elapsed"/> and <see cref="Waiting"/> again from 0.</summary>
    public void ResetClock()
    {
        clock.Reset();
        waiting.Reset();
    }

    /// <summary>Floats each rank sends (and receives) per step.</summary>
    public int FloatsPerStep => Sum.Floats;
}
