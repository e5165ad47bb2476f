using System.Runtime.InteropServices;

namespace Hebb.Distributed;

/// <summary>
/// The part of Open MPI's C library that Hebb calls, loaded at run time (so that Hebb runs without Open MPI when nothing
/// is distributed). Open MPI's handles (MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM, ...) are not numbers as in MPICH but the
/// addresses of exported objects (ompi_mpi_comm_world, ...), so they are taken with <see cref="NativeLibrary.GetExport"/>.
/// The ABI is Open MPI's 4.x and 5.x one (libmpi.so.40).
/// </summary>
internal sealed unsafe class MpiLibrary
{
    /// <summary>The library's file name, as Debian's libopenmpi3 and most distributions install it.</summary>
    public const string FileName = "libmpi.so.40";

    /// <summary>MPI_IN_PLACE in Open MPI's mpi.h.</summary>
    public static readonly nint InPlace = 1;

    private static MpiLibrary? loaded;

    private MpiLibrary(nint library)
    {
        Init = (delegate* unmanaged<int*, nint*, int>)Export(library, "MPI_Init");
        Initialized = (delegate* unmanaged<int*, int>)Export(library, "MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)Export(library, "MPI_Finalized");
        Finalize = (delegate* unmanaged<int>)Export(library, "MPI_Finalize");
        CommRank = (delegate* unmanaged<nint, int*, int>)Export(library, "MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)Export(library, "MPI_Comm_size");
        Bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Export(library, "MPI_Bcast");
        Allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export(library, "MPI_Allreduce");
        Iallreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, nint*, int>)Export(library, "MPI_Iallreduce");
        Testall = (delegate* unmanaged<int, nint*, int*, void*, int>)Export(library, "MPI_Testall");
        Waitall = (delegate* unmanaged<int, nint*, void*, int>)Export(library, "MPI_Waitall");
        GatherValues = (delegate* unmanaged<void*, int, nint, void*, int, nint, int, nint, int>)Export(library, "MPI_Gather");
        BarrierCall = (delegate* unmanaged<nint, int>)Export(library, "MPI_Barrier");
        AbortCall = (delegate* unmanaged<nint, int, int>)Export(library, "MPI_Abort");
        CommSplitType = (delegate* unmanaged<nint, int, int, nint, nint*, int>)Export(library, "MPI_Comm_split_type");
        CommFree = (delegate* unmanaged<nint*, int>)Export(library, "MPI_Comm_free");
        WinAllocateShared = (delegate* unmanaged<nint, int, nint, nint, void*, nint*, int>)Export(library, "MPI_Win_allocate_shared");
        WinSharedQuery = (delegate* unmanaged<nint, int, nint*, int*, void*, int>)Export(library, "MPI_Win_shared_query");
        WinFree = (delegate* unmanaged<nint*, int>)Export(library, "MPI_Win_free");
        CommWorld = Export(library, "ompi_mpi_comm_world");
        Float = Export(library, "ompi_mpi_float");
        Double = Export(library, "ompi_mpi_double");
        Sum = Export(library, "ompi_mpi_op_sum");
        InfoNull = Export(library, "ompi_mpi_info_null");
    }

    public delegate* unmanaged<int*, nint*, int> Init { get; }
    public delegate* unmanaged<int*, int> Initialized { get; }
    public delegate* unmanaged<int*, int> Finalized { get; }
    public delegate* unmanaged<int> Finalize { get; }
    public delegate* unmanaged<nint, int*, int> CommRank { get; }
    public delegate* unmanaged<nint, int*, int> CommSize { get; }
    public delegate* unmanaged<void*, int, nint, int, nint, int> Bcast { get; }
    public delegate* unmanaged<void*, void*, int, nint, nint, nint, int> Allreduce { get; }
    // An MPI_Request is a pointer in Open MPI (struct ompi_request_t*); statuses are not asked for (MPI_STATUSES_IGNORE, null).
    public delegate* unmanaged<void*, void*, int, nint, nint, nint, nint*, int> Iallreduce { get; }
    public delegate* unmanaged<int, nint*, int*, void*, int> Testall { get; }
    public delegate* unmanaged<int, nint*, void*, int> Waitall { get; }
    public delegate* unmanaged<void*, int, nint, void*, int, nint, int, nint, int> GatherValues { get; }
    public delegate* unmanaged<nint, int> BarrierCall { get; }
    public delegate* unmanaged<nint, int, int> AbortCall { get; }
    // MPI_Comm_split_type(comm, split_type, key, info, newcomm); MPI_Aint is a pointer-sized integer (ptrdiff_t).
    public delegate* unmanaged<nint, int, int, nint, nint*, int> CommSplitType { get; }
    public delegate* unmanaged<nint*, int> CommFree { get; }
    // MPI_Win_allocate_shared(size, disp_unit, info, comm, baseptr, win); MPI_Win_shared_query(win, rank, size, disp_unit, baseptr).
    public delegate* unmanaged<nint, int, nint, nint, void*, nint*, int> WinAllocateShared { get; }
    public delegate* unmanaged<nint, int, nint*, int*, void*, int> WinSharedQuery { get; }
    public delegate* unmanaged<nint*, int> WinFree { get; }

    /// <summary>MPI_COMM_WORLD.</summary>
    public nint CommWorld { get; }

    /// <summary>MPI_FLOAT.</summary>
    public nint Float { get; }

    /// <summary>MPI_DOUBLE.</summary>
    public nint Double { get; }

    /// <summary>MPI_SUM.</summary>
    public nint Sum { get; }

    /// <summary>MPI_INFO_NULL.</summary>
    public nint InfoNull { get; }

    /// <summary>MPI_COMM_TYPE_SHARED in Open MPI's mpi.h (the first of its split types): the ranks that can share memory.</summary>
    public const int CommTypeShared = 0;
    /// <summary>The library, loaded on first use.</summary>
    /// <exception cref="MpiUnavailableException">It is not installed, or is not Open MPI's.</exception>
    public static MpiLibrary Load() => loaded ??= Load(FileName);

    /// <summary>The library in <paramref name="fileName"/> (tests name a missing one), not kept.</summary>
    internal static MpiLibrary Load(string fileName) =>
        NativeLibrary.TryLoad(fileName, out var library) ? new MpiLibrary(library)
            : throw new MpiUnavailableException($"Open MPI's {fileName} was not found: install Open MPI (Debian/Ubuntu: apt-get install openmpi-bin) and start with mpirun -np N");

    private static nint Export(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address) ? address
            : throw new MpiUnavailableException($"{FileName} has no '{name}': Hebb needs Open MPI 4 or later");
}
