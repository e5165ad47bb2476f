namespace Hebb.Distributed;

/// <summary>
/// Memory that every rank of a process group maps (<see cref="IProcessGroup.MapShared"/>), zero when mapped: what one rank
/// writes the others can read, once a barrier (kept in the memory itself) tells them it is written.
/// </summary>
public interface ISharedSegment
{
    /// <summary>The segment's floats, the same memory on every rank.</summary>
    Span<float> Floats { get; }
}
