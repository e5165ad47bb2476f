using System.Diagnostics;
using Hebb.Layers;
using Hebb.Optimizers;

namespace Hebb.Distributed;

/// <summary>
/// The ranks' gradients summed by MPI's allreduces. As PyTorch's DistributedDataParallel does, they travel in buckets,
/// last layers first (the order the backward pass finishes them in). A bucket whose layers are all done before the first
/// layer's backward pass is summed with a nonblocking allreduce started at once (<see cref="LayerDone"/>), progressed
/// between layers, while the earlier layers' backward still runs. The first layer's buckets have nothing left to overlap
/// with: <see cref="Run"/> sums them with the blocking allreduce (Open MPI's tuned one, faster than its nonblocking libnbc
/// one), then waits for the others. A parameter of at least <see cref="InPlaceFloats"/> floats is its own bucket, summed in
/// its gradient's array; smaller ones are copied into a buffer made once, with, in the last bucket, the share's weighted loss.
/// </summary>
internal sealed class AllreduceBuckets : IGradientSum
{
    /// <summary>Most floats in a bucket of copied gradients: 1 MiB, DistributedDataParallel's first bucket. A bucket closes
    /// before the parameter that would take it past this.</summary>
    internal const int BucketFloats = 1 << 18;

    /// <summary>Fewest floats of a parameter summed in place, in its own gradient array (256 KiB): copying it in and out of a
    /// bucket would cost more than its own allreduce call.</summary>
    internal const int InPlaceFloats = 1 << 16;

    private readonly IProcessGroup group;
    // In the order they are sent, last layers first; buckets[^1] is a copied one that holds, in its last float, the loss.
    private readonly Bucket[] buckets;
    // buckets[..overlapped] are done before the first layer's backward pass: they go nonblocking, the others blocking.
    private readonly int overlapped;
    // Time spent in the group's calls: what the exchange costs a rank (waiting for the others included).
    private readonly Stopwatch clock;
    private int started;

    /// <summary>The buckets of <paramref name="model"/>'s gradients; the time spent in <paramref name="group"/>'s calls
    /// goes to <paramref name="clock"/>.</summary>
    public AllreduceBuckets(IProcessGroup group, Sequential model, Stopwatch clock)
    {
        (this.group, this.clock) = (group, clock);
        buckets = Bucket.For(model);
        overlapped = buckets.Count(bucket => bucket.FirstLayer > 0);
        LayerDone = Done;
    }

    /// <inheritdoc/>
    /// <remarks><see cref="Done"/> as a delegate made once.</remarks>
    public Action<int>? LayerDone { get; }

    /// <summary>Floats in each bucket, in the order they are sent (the last one's loss included).</summary>
    public IEnumerable<int> BucketLengths => buckets.Select(bucket => bucket.Values.Length);

    /// <summary>
    /// Says that the backward pass has finished layer <paramref name="layer"/> (they finish last first): starts the
    /// nonblocking allreduce of every bucket whose layers are all done, and lets those already started progress (Open MPI
    /// moves a nonblocking collective on only inside its calls).
    /// </summary>
    private void Done(int layer)
    {
        while (started < overlapped && buckets[started].FirstLayer >= layer) Start(buckets[started++]);
        clock.Start();
        group.Progress();
        clock.Stop();
    }

    /// <inheritdoc/>
    /// <remarks>Starts the nonblocking sums not started yet (all of them when the backward pass did not call
    /// <see cref="LayerDone"/>: every rank makes the same calls), sums the first layer's buckets, waits for the others and
    /// puts the copied sums back as the parameters' gradients.</remarks>
    public float Run(float loss)
    {
        buckets[^1].Values[^1] = loss;
        while (started < overlapped) Start(buckets[started++]);
        for (int i = overlapped; i < buckets.Length; i++)
        {
            buckets[i].Pack();
            clock.Start();
            group.SumInPlace(buckets[i].Values);
            clock.Stop();
        }
        clock.Start();
        group.WaitAll();
        clock.Stop();
        started = 0;
        foreach (var bucket in buckets) bucket.Unpack();
        return buckets[^1].Values[^1];
    }

    /// <inheritdoc/>
    public float Step(float loss, IOptimizer optimizer)
    {
        float sum = Run(loss);
        optimizer.Step();
        return sum;
    }

    /// <inheritdoc/>
    public int Floats => buckets.Sum(bucket => bucket.Values.Length);

    /// <inheritdoc/>
    public bool TimesWaiting => false;

    private void Start(Bucket bucket)
    {
        bucket.Pack();
        clock.Start();
        group.StartSum(bucket.Values);
        clock.Stop();
    }

    /// <summary>
    /// Gradients summed by one allreduce: those of some parameters of consecutive layers, copied one after the other into
    /// a buffer made once, or a large parameter's own gradient array, summed where it is (<see cref="Values"/> is then that
    /// array).
    /// </summary>
    private sealed class Bucket(Parameter[] members, int firstLayer, float[]? copies)
    {
        /// <summary>The lowest index of the layers whose gradients it holds: it is complete once the backward pass has done that layer.</summary>
        public int FirstLayer { get; } = firstLayer;

        /// <summary>The buffer the allreduce sums in place.</summary>
        public float[] Values => copies ?? members[0].Value.GradData();

        /// <summary>The model's buckets in the order they are sent, last layers first: each parameter of at least
        /// <see cref="InPlaceFloats"/> floats alone, the others copied, together up to <see cref="BucketFloats"/> and never
        /// the first layer's with later ones'; the last bucket is a copied one (of the first layer's small parameters, or of
        /// none) with one more float, for the loss.</summary>
        public static Bucket[] For(Sequential model)
        {
            var buckets = new List<Bucket>();
            var members = new List<Parameter>();
            int floats = 0, firstLayer = model.Layers.Count - 1;
            void Close()
            {
                if (members.Count > 0) buckets.Add(Copied(members, firstLayer, 0));
                (members, floats) = ([], 0);
            }
            for (int layer = model.Layers.Count - 1; layer >= 0; layer--)
            {
                // The first layer's backward pass is the step's last: the later layers' bucket does not wait for it.
                if (layer == 0) Close();
                foreach (var parameter in model.Layers[layer].Parameters)
                {
                    if (parameter.Value.Length >= InPlaceFloats)
                    {
                        buckets.Add(new Bucket([parameter], layer, null));
                        continue;
                    }
                    if (floats + parameter.Value.Length > BucketFloats) Close();
                    members.Add(parameter);
                    floats += parameter.Value.Length;
                    firstLayer = layer;
                }
            }
            buckets.Add(Copied(members, 0, 1));
            // A copied bucket closes at a lower layer than some parameters summed in place after it were done; the sort is stable.
            return buckets.OrderByDescending(bucket => bucket.FirstLayer).ToArray();
        }

        private static Bucket Copied(List<Parameter> members, int firstLayer, int extra) =>
            new(members.ToArray(), firstLayer, new float[members.Sum(parameter => parameter.Value.Length) + extra]);

        /// <summary>Copies the gradients in (a parameter's own array: nothing to do).</summary>
        public void Pack()
        {
            if (copies is null) return;
            int offset = 0;
            foreach (var parameter in members)
            {
                var gradient = parameter.Value.GradData();
                gradient.CopyTo(Values.AsSpan(offset));
                offset += gradient.Length;
            }
        }

        /// <summary>Copies the sums back as the gradients (a parameter's own array: nothing to do).</summary>
        public void Unpack()
        {
            if (copies is null) return;
            int offset = 0;
            foreach (var parameter in members)
            {
                var gradient = parameter.Value.GradData();
                Values.AsSpan(offset, gradient.Length).CopyTo(gradient);
                offset += gradient.Length;
            }
        }
    }
}
