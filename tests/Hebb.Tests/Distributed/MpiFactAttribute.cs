namespace Hebb.Tests.Distributed;

/// <summary>A test that needs Open MPI's <c>mpirun</c>: skipped, saying what to install, where it is not on PATH
/// (.ci/run installs it, so CI always runs these).</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (MpiRun.Launcher is null) Skip = "needs Open MPI's mpirun (Debian/Ubuntu: apt-get install openmpi-bin)";
    }
}

/// <summary>A theory that needs Open MPI's <c>mpirun</c> (see <see cref="MpiFactAttribute"/>).</summary>
public sealed class MpiTheoryAttribute : TheoryAttribute
{
    public MpiTheoryAttribute()
    {
        if (MpiRun.Launcher is null) Skip = "needs Open MPI's mpirun (Debian/Ubuntu: apt-get install openmpi-bin)";
    }
}
