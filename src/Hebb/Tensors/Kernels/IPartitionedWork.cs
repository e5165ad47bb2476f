namespace Hebb.Tensors.Kernels;

/// <summary>Work that splits into independent parts, run by <see cref="WorkerPool"/>.</summary>
internal interface IPartitionedWork
{
    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/>, all of which run at the same time; or, when the
    /// pool is busy, the whole work as part 0 of 1.</summary>
    void Run(int part, int parts);
}
