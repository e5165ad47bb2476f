namespace Hebb.Distributed;

/// <summary>
/// The processes that train one model together (data parallelism): each knows its rank, and all of them take part in
/// every collective call, in the same order. <see cref="MpiWorld"/> is the one over Open MPI.
/// </summary>
public interface IProcessGroup
{
    /// <summary>This process's number, 0 to <see cref="Size"/> - 1; rank 0 prints, evaluates for the user and saves.</summary>
    int Rank { get; }

    /// <summary>How many processes there are.</summary>
    int Size { get; }

    /// <summary>Replaces <paramref name="values"/> on every rank with their element-wise sum over all ranks.</summary>
    void SumInPlace(Span<float> values);

    /// <summary>Starts replacing <paramref name="values"/> on every rank with their element-wise sum over all ranks, and returns
    /// at once (a nonblocking allreduce); the array must be left alone until <see cref="WaitAll"/> returns. Every rank
    /// starts the same sums, of the same lengths, in the same order.</summary>
    void StartSum(float[] values);

    /// <summary>Lets the sums started by <see cref="StartSum"/> progress without waiting for them (MPI moves a nonblocking
    /// collective on only inside its calls).</summary>
    void Progress();

    /// <summary>Returns once every sum started by <see cref="StartSum"/> since the last call is complete.</summary>
    void WaitAll();

    /// <summary>Replaces <paramref name="values"/> on every rank with those of rank <paramref name="root"/>.</summary>
    void Broadcast(Span<float> values, int root = 0);

    /// <summary>Rank <paramref name="root"/> receives every rank's <paramref name="values"/> one after the other, rank 0
    /// first, into <paramref name="gathered"/> (Size × values.Length long there; ignored on other ranks).</summary>
    void Gather(ReadOnlySpan<double> values, Span<double> gathered, int root = 0);

    /// <summary>Returns once every rank has called it.</summary>
    void Barrier();

    /// <summary>A segment of <paramref name="floats"/> floats that every rank maps, the same memory in each, when every rank
    /// runs on one host (and there are at least two); null otherwise, on every rank. A collective call. The group frees the
    /// segment when it ends.</summary>
    ISharedSegment? MapShared(int floats) => null;

    /// <summary>Ends every process of the group with exit code <paramref name="exitCode"/>, at once: what a rank that
    /// fails calls, so that the others do not wait forever for its part of the next collective call.</summary>
    void Abort(int exitCode);
}
