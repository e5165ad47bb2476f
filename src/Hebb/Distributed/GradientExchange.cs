using System.Diagnostics;
using Hebb.Layers;

namespace Hebb.Distributed;

/// <summary>
/// Data parallelism's part of a training step, for a <see cref="Sequential"/> trained on every rank of an
/// <see cref="IProcessGroup"/>: each global batch is cut into one contiguous share per rank, each rank computes the
/// gradient of its share's mean loss, and the exchange turns these into the gradient of the global batch's mean loss on
/// every rank (each share weighted by its rows, then summed over the ranks), so that every rank takes the same
/// optimiser step as one process would on the whole batch.
/// <para>
/// As PyTorch's DistributedDataParallel does, the gradients travel in buckets of consecutive layers, last layers first
/// (the order the backward pass finishes them in), each summed with a nonblocking allreduce started as soon as the
/// backward pass has finished its layers (<see cref="LayerDone"/>), while the earlier layers' backward still runs;
/// <see cref="Finish"/> waits for all of them before the optimiser's step. The last bucket also carries the loss.
/// Each bucket is one buffer made once.
/// </para>
/// </summary>
internal sealed class GradientExchange
{
    /// <summary>Most floats in a bucket of more than one layer: 1 MiB, DistributedDataParallel's first bucket. A bucket
    /// closes before the layer that would take it past this; one layer larger than this is a bucket alone.</summary>
    internal const int BucketFloats = 1 << 18;

    private readonly IProcessGroup group;
    private readonly Parameter[] parameters;
    // Last layers first; buckets[^1] holds the first layer and, in its last float, the share's weighted loss.
    private readonly Bucket[] buckets;
    // Time spent in the group's calls: what the exchange costs a rank (waiting for the others included).
    private readonly Stopwatch clock = new();
    private float weight;
    private int started;

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
        buckets = Bucket.For(model);
        LayerDoneCallback = LayerDone;
    }

    /// <summary><see cref="LayerDone"/> as a delegate made once, for the training step's backward pass to call.</summary>
    public Action<int> LayerDoneCallback { get; }

    /// <summary>Floats in each bucket, in the order they are sent (the last one's loss included).</summary>
    public IEnumerable<int> BucketLengths => buckets.Select(bucket => bucket.Values.Length);

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

    /// <summary>Starts a step in which this rank computes the gradient of its <paramref name="rows"/> rows' mean loss
    /// (none: its gradients must be 0) out of a global batch of <paramref name="globalRows"/>.</summary>
    public void Begin(int rows, int globalRows)
    {
        weight = (float)rows / globalRows;
        started = 0;
    }

    /// <summary>
    /// Says that the backward pass has finished layer <paramref name="layer"/> (they finish last first): starts the
    /// allreduce of every bucket whose layers are all done, and lets those already started progress (Open MPI moves a
    /// nonblocking collective on only inside its calls). The last bucket waits for <see cref="Finish"/>, which has the loss.
    /// </summary>
    public void LayerDone(int layer)
    {
        while (started < buckets.Length - 1 && buckets[started].FirstLayer >= layer) Start(buckets[started++]);
        clock.Start();
        group.Progress();
        clock.Stop();
    }

    /// <summary>
    /// Once every gradient of the step is computed: starts the buckets not started yet (all of them when the backward
    /// pass did not call <see cref="LayerDone"/>), waits for every allreduce, puts the sums back as the parameters'
    /// gradients, and returns the global batch's mean loss, <paramref name="loss"/> being this rank's share's.
    /// </summary>
    public float Finish(float loss)
    {
        buckets[^1].Values[^1] = weight == 0f ? 0f : loss * weight;
        while (started < buckets.Length) Start(buckets[started++]);
        clock.Start();
        group.WaitAll();
        clock.Stop();
        foreach (var bucket in buckets) bucket.Unpack();
        return buckets[^1].Values[^1];
    }

    /// <summary>Time spent in the process group's calls since the last <see cref="ResetClock"/>.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Starts <see cref="Elapsed"/> again from 0.</summary>
    public void ResetClock() => clock.Reset();

    /// <summary>Floats each rank sends (and receives) per step.</summary>
    public int FloatsPerStep => buckets.Sum(bucket => bucket.Values.Length);

    private void Start(Bucket bucket)
    {
        bucket.Pack(weight);
        clock.Start();
        group.StartSum(bucket.Values);
        clock.Stop();
    }

    /// <summary>The gradients of some consecutive layers, one after the other in one buffer.</summary>
    private sealed class Bucket(Parameter[] parameters, int firstLayer, int extra)
    {
        /// <summary>The lowest index of the layers whose gradients it holds: it is complete once the backward pass has done that layer.</summary>
        public int FirstLayer { get; } = firstLayer;

        /// <summary>The buffer the allreduce sums in place.</summary>
        public float[] Values { get; } = new float[parameters.Sum(parameter => parameter.Value.Length) + extra];

        /// <summary>The model's buckets, last layers first: consecutive layers up to <see cref="BucketFloats"/>; the last
        /// bucket has one more float, for the loss.</summary>
        public static Bucket[] For(Sequential model)
        {
            var buckets = new List<Bucket>();
            var members = new List<Parameter>();
            int floats = 0, firstLayer = model.Layers.Count - 1;
            for (int layer = model.Layers.Count - 1; layer >= 0; layer--)
            {
                int layerFloats = model.Layers[layer].Parameters.Sum(parameter => parameter.Value.Length);
                if (layerFloats == 0) continue;
                if (members.Count > 0 && floats + layerFloats > BucketFloats)
                {
                    buckets.Add(new Bucket(members.ToArray(), firstLayer, 0));
                    (members, floats) = ([], 0);
                }
                members.AddRange(model.Layers[layer].Parameters);
                floats += layerFloats;
                firstLayer = layer;
            }
            buckets.Add(new Bucket(members.ToArray(), 0, 1));
            return buckets.ToArray();
        }

        /// <summary>Copies the gradients in, times <paramref name="weight"/>.</summary>
        public void Pack(float weight)
        {
            int offset = 0;
            foreach (var parameter in parameters)
            {
                var gradient = parameter.Value.GradData();
                TensorPrimitives.Multiply(gradient, weight, Values.AsSpan(offset, gradient.Length));
                offset += gradient.Length;
            }
        }

        /// <summary>Copies the sums back as the gradients.</summary>
        public void Unpack()
        {
            int offset = 0;
            foreach (var parameter in parameters)
            {
                var gradient = parameter.Value.GradData();
                Values.AsSpan(offset, gradient.Length).CopyTo(gradient);
                offset += gradient.Length;
            }
        }
    }
}
