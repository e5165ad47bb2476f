using System.Globalization;
using System.Runtime.InteropServices;

namespace Hebb.Distributed;

/// <summary>
/// Every process that <c>mpirun</c> started (MPI_COMM_WORLD), over Open MPI's library. <see cref="Start"/> initialises
/// MPI once per process; <see cref="Dispose"/> finalises it. Every call is a collective one: each rank must make the
/// same calls, with the same lengths, in the same order.
/// </summary>
public sealed unsafe class MpiWorld : IProcessGroup, IDisposable
{
    private static MpiWorld? started;
    private readonly MpiLibrary mpi;
    // The sums started and not yet waited for: their requests, and the arrays pinned for them until they complete.
    private nint[] requests = new nint[4];
    private GCHandle[] pinned = new GCHandle[4];
    private int pending;
    // Freed, collectively, before MPI is finalised.
    private readonly List<MpiSharedSegment> segments = [];

    private MpiWorld(MpiLibrary mpi)
    {
        this.mpi = mpi;
        int rank, size;
        Check(mpi.CommRank(mpi.CommWorld, &rank), "MPI_Comm_rank");
        Check(mpi.CommSize(mpi.CommWorld, &size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
    }

    /// <summary>The number of processes <c>mpirun</c> says it started (OMPI_COMM_WORLD_SIZE), or null when this process
    /// was not started by Open MPI's mpirun.</summary>
    public static int? LaunchedSize =>
        int.TryParse(Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out int size) ? size : null;

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size { get; }

    /// <summary>Initialises MPI (once per process) and returns the world.</summary>
    /// <exception cref="MpiUnavailableException">Open MPI is not installed.</exception>
    public static MpiWorld Start()
    {
        if (started is not null) return started;
        var mpi = MpiLibrary.Load();
        int initialized;
        Check(mpi.Initialized(&initialized), "MPI_Initialized");
        if (initialized == 0) Check(mpi.Init(null, null), "MPI_Init");
        return started = new MpiWorld(mpi);
    }

    /// <inheritdoc/>
    public void SumInPlace(Span<float> values)
    {
        if (Size == 1) return;
        fixed (float* data = values)
            Check(mpi.Allreduce((void*)MpiLibrary.InPlace, data, values.Length, mpi.Float, mpi.Sum, mpi.CommWorld), "MPI_Allreduce");
    }

    /// <inheritdoc/>
    public void StartSum(float[] values)
    {
        if (Size == 1) return;
        if (pending == requests.Length)
        {
            Array.Resize(ref requests, 2 * pending);
            Array.Resize(ref pinned, 2 * pending);
        }
        pinned[pending] = GCHandle.Alloc(values, GCHandleType.Pinned);
        nint request;
        Check(mpi.Iallreduce((void*)MpiLibrary.InPlace, (void*)pinned[pending].AddrOfPinnedObject(), values.Length, mpi.Float, mpi.Sum,
            mpi.CommWorld, &request), "MPI_Iallreduce");
        requests[pending++] = request;
    }

    /// <inheritdoc/>
    public void Progress()
    {
        if (pending == 0) return;
        int done;
        fixed (nint* started = requests)
            Check(mpi.Testall(pending, started, &done, null), "MPI_Testall");
    }

    /// <inheritdoc/>
    public void WaitAll()
    {
        if (pending == 0) return;
        fixed (nint* started = requests)
            Check(mpi.Waitall(pending, started, null), "MPI_Waitall");
        for (int i = 0; i < pending; i++) pinned[i].Free();
        pending = 0;
    }

    /// <inheritdoc/>
    public void Broadcast(Span<float> values, int root = 0)
    {
        if (Size == 1) return;
        fixed (float* data = values)
            Check(mpi.Bcast(data, values.Length, mpi.Float, root, mpi.CommWorld), "MPI_Bcast");
    }

    /// <inheritdoc/>
    public void Gather(ReadOnlySpan<double> values, Span<double> gathered, int root = 0)
    {
        if (Rank == root && gathered.Length < values.Length * Size)
            throw new ArgumentException($"{Size} ranks × {values.Length} values do not fit in {gathered.Length}", nameof(gathered));
        fixed (double* send = values)
        fixed (double* receive = gathered)
            Check(mpi.GatherValues(send, values.Length, mpi.Double, receive, values.Length, mpi.Double, root, mpi.CommWorld), "MPI_Gather");
    }

    /// <inheritdoc/>
    public void Barrier() => Check(mpi.BarrierCall(mpi.CommWorld), "MPI_Barrier");

    /// <inheritdoc/>
    public void Abort(int exitCode) => mpi.AbortCall(mpi.CommWorld, exitCode);

    /// <summary>The environment variable that, set to 1 on any rank, keeps every rank off shared memory (then gradients
    /// are summed by MPI_Allreduce even on one host), as NCCL_SHM_DISABLE does for NCCL.</summary>
    public const string SharedMemoryDisabledVariable = "HEBB_SHM_DISABLE";

    /// <inheritdoc/>
    /// <remarks>The ranks that share memory are those of MPI_Comm_split_type(MPI_COMM_TYPE_SHARED); the segment is an
    /// MPI_Win_allocate_shared window.</remarks>
    public ISharedSegment? MapShared(int floats)
    {
        if (Size == 1) return null;
        nint node;
        Check(mpi.CommSplitType(mpi.CommWorld, MpiLibrary.CommTypeShared, Rank, mpi.InfoNull, &node), "MPI_Comm_split_type");
        int nodeSize;
        Check(mpi.CommSize(node, &nodeSize), "MPI_Comm_size");
        // Every rank must decide alike, whatever its own environment says: the segment is mapped only if all can.
        Span<float> able = [nodeSize == Size && Environment.GetEnvironmentVariable(SharedMemoryDisabledVariable) != "1" ? 1f : 0f];
        SumInPlace(able);
        if (able[0] != Size)
        {
            Check(mpi.CommFree(&node), "MPI_Comm_free");
            return null;
        }
        var segment = MpiSharedSegment.Allocate(mpi, node, Rank, floats);
        segments.Add(segment);
        return segment;
    }

    /// <summary>Frees the shared segments and finalises MPI (every rank must call it before exiting normally).</summary>
    public void Dispose()
    {
        foreach (var segment in segments) segment.Free();
        segments.Clear();
        int finalized;
        Check(mpi.Finalized(&finalized), "MPI_Finalized");
        if (finalized == 0) Check(mpi.Finalize(), "MPI_Finalize");
    }

    // Open MPI's default error handler (MPI_ERRORS_ARE_FATAL) ends the job before a call returns an error; this is for
    // a library set up to return errors instead.
    internal static void Check(int code, string function)
    {
        if (code != 0) throw new InvalidOperationException($"{function} failed with MPI error {code}");
    }
}
