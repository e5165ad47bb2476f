namespace Hebb.Distributed;

/// <summary>
/// A segment every rank on one host maps: an MPI_Win_allocate_shared window of the ranks of one MPI_COMM_TYPE_SHARED
/// communicator, all of it allocated by the node's rank 0, zeroed by it, and found by the others with
/// MPI_Win_shared_query. The ranks synchronise their reads and writes of it themselves (<see cref="SharedBarrier"/>).
/// </summary>
internal sealed unsafe class MpiSharedSegment : ISharedSegment
{
    private readonly MpiLibrary mpi;
    private nint communicator;
    private nint window;
    private readonly float* data;
    private readonly int length;

    private MpiSharedSegment(MpiLibrary mpi, nint communicator, nint window, float* data, int length)
    {
        (this.mpi, this.communicator, this.window, this.length) = (mpi, communicator, window, length);
        this.data = data;
    }

    /// <summary>Maps <paramref name="floats"/> floats over the ranks of <paramref name="communicator"/> (a collective call);
    /// the segment owns the communicator from then on.</summary>
    public static MpiSharedSegment Allocate(MpiLibrary mpi, nint communicator, int rank, int floats)
    {
        float* mine;
        nint window;
        MpiWorld.Check(mpi.WinAllocateShared(rank == 0 ? (nint)floats * sizeof(float) : 0, sizeof(float), mpi.InfoNull,
            communicator, &mine, &window), "MPI_Win_allocate_shared");
        nint bytes;
        int unit;
        float* first;
        MpiWorld.Check(mpi.WinSharedQuery(window, 0, &bytes, &unit, &first), "MPI_Win_shared_query");
        var segment = new MpiSharedSegment(mpi, communicator, window, first, floats);
        if (rank == 0) segment.Floats.Clear();
        MpiWorld.Check(mpi.BarrierCall(communicator), "MPI_Barrier");
        return segment;
    }

    /// <inheritdoc/>
    public Span<float> Floats => new(data, length);

    /// <summary>Unmaps the segment and frees its communicator (a collective call, before MPI_Finalize).</summary>
    public void Free()
    {
        fixed (nint* handle = &window) MpiWorld.Check(mpi.WinFree(handle), "MPI_Win_free");
        fixed (nint* handle = &communicator) MpiWorld.Check(mpi.CommFree(handle), "MPI_Comm_free");
    }
}
