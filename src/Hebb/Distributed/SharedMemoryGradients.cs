using System.Diagnostics;
using Hebb.Layers;

namespace Hebb.Distributed;

/// <summary>
/// The ranks' gradients summed through memory every rank maps, when they all run on one host: each rank copies its
/// gradients and its weighted loss one after the other into its slot of a <see cref="SharedSum"/>, the ranks sum the slots
/// (each its share of the elements, in rank order), and each copies the sums back as its gradients. On one host this
/// moves each gradient through memory three times and waits at two barriers, where MPI's allreduce goes through its
/// transport's fragments and, for the buckets sent during the backward pass, a nonblocking collective that moves on only
/// inside MPI's calls.
/// </summary>
internal sealed class SharedMemoryGradients : IGradientSum
{
    private readonly Parameter[] parameters;
    private readonly SharedSum sum;
    private readonly Stopwatch clock;

    private SharedMemoryGradients(Parameter[] parameters, SharedSum sum, Stopwatch clock) =>
        (this.parameters, this.sum, this.clock) = (parameters, sum, clock);

    /// <summary>The sum of <paramref name="parameters"/>' gradients over <paramref name="group"/>, or null when its ranks do
    /// not all share memory (a collective call); the time it takes goes to <paramref name="clock"/>, and of it the time
    /// waiting for the other ranks to <paramref name="waiting"/>.</summary>
    public static SharedMemoryGradients? For(IProcessGroup group, Parameter[] parameters, Stopwatch clock, Stopwatch waiting)
    {
        int floats = parameters.Sum(parameter => parameter.Value.Length) + 1;
        return group.MapShared(SharedSum.SegmentFloats(group.Size, floats)) is { } segment
            ? new SharedMemoryGradients(parameters, new SharedSum(segment, group.Rank, group.Size, floats, waiting), clock)
            : null;
    }

    /// <inheritdoc/>
    /// <remarks>Null: nothing overlaps the backward pass (one thread a rank), the sum waits for all of it.</remarks>
    public Action<int>? LayerDone => null;

    /// <inheritdoc/>
    public int Floats => sum.Length;

    /// <inheritdoc/>
    public float Run(float loss)
    {
        clock.Start();
        var own = sum.Own;
        int offset = 0;
        foreach (var parameter in parameters)
        {
            var gradient = parameter.Value.GradData();
            gradient.CopyTo(own[offset..]);
            offset += gradient.Length;
        }
        own[offset] = loss;
        sum.Run();
        var result = sum.Result;
        offset = 0;
        foreach (var parameter in parameters)
        {
            var gradient = parameter.Value.GradData();
            result.Slice(offset, gradient.Length).CopyTo(gradient);
            offset += gradient.Length;
        }
        clock.Stop();
        return result[offset];
    }
}
