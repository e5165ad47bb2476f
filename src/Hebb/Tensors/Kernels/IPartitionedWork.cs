namespace Hebb.Tensors.Kernels;

/// <summary>Work that splits into independent parts, run by <see cref="WorkerPool"/>.</summary>
internal interface IPartitionedWork
{
    void Run(int part, int parts);
}
