using System.Diagnostics;
using Hebb.Layers;
using Hebb.Optimizers;

namespace Hebb.Distributed;

/// <summary>
/// The ranks' gradients summed through memory every rank maps, when they all run on one host: each rank copies its
/// gradients and its weighted loss one after the other into its slot of a <see cref="SharedSum"/>, the ranks sum the slots
/// (each its share of the elements, in rank order), and each copies the sums back as its gradients, or, for
/// <see cref="Step"/>, has its optimiser read them where they are. On one host this moves each gradient through memory
/// two or three times and waits at two barriers, where MPI's allreduce goes through its transport's fragments and, for the
/// buckets sent during the backward pass, a nonblocking collective that moves on only inside MPI's calls.
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
    public bool TimesWaiting => true;

    /// <inheritdoc/>
    public float Run(float loss)
    {
        clock.Start();
        float total = Sum(loss);
        var result = sum.Result;
        int offset = 0;
        foreach (var parameter in parameters)
        {
            var gradient = parameter.Value.GradData();
            result.Slice(offset, gradient.Length).CopyTo(gradient);
            offset += gradient.Length;
        }
        clock.Stop();
        return total;
    }

    /// <inheritdoc/>
    /// <remarks>An <see cref="Optimizer"/> over these parameters, in this order, that does not clip, steps from the sums
    /// where they are: no copy back. The next sum does not write them before every rank is done reading (it starts at a
    /// barrier).</remarks>
    public float Step(float loss, IOptimizer optimizer)
    {
        if (optimizer is not Optimizer { Clips: false } own || !Updates(own))
        {
            float summed = Run(loss);
            optimizer.Step();
            return summed;
        }
        clock.Start();
        float total = Sum(loss);
        clock.Stop();
        own.Step(sum.Result[..^1]);
        return total;
    }

    // Whether the optimiser updates these parameters in this order (a loop: a step allocates nothing).
    private bool Updates(Optimizer optimizer)
    {
        var updated = optimizer.Parameters;
        if (updated.Count != parameters.Length) return false;
        for (int i = 0; i < parameters.Length; i++)
            if (!ReferenceEquals(updated[i], parameters[i])) return false;
        return true;
    }

    // Copies the gradients and the loss into this rank's slot and sums the slots; returns the loss's sum.
    private float Sum(float loss)
    {
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
        return sum.Result[offset];
    }
}
