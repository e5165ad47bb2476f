namespace Hebb.Tests.Distributed;

/// <summary>A test that needs Open MPI's <c>mpirun</c>: skipped, saying what to install, where it is not on PATH, except
/// under CI (<c>CI</c> set, as .ci/run sets it after installing it), where the test runs and fails instead.</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute() => Skip = MpiSkip.Reason;
}

/// <summary>A theory that needs Open MPI's <c>mpirun</c> (see <see cref="MpiFactAttribute"/>).</summary>
public sealed class MpiTheoryAttribute : TheoryAttribute
{
    public MpiTheoryAttribute() => Skip = MpiSkip.Reason;
}

internal static class MpiSkip
{
    /// <summary>Why an MPI test is skipped here, or null when it runs.</summary>
    public static string? Reason => MpiRun.Launcher is null && Environment.GetEnvironmentVariable("CI") is null
        ? "needs Open MPI's mpirun (Debian/Ubuntu: apt-get install openmpi-bin)"
        : null;
}
