using Hebb.Distributed;

namespace Hebb.Tests.Distributed;

/// <summary>The Open MPI binding across two real processes (<c>hebb mpi-check</c> under <c>mpirun -np 2</c>), and its
/// one-line error where Open MPI is missing.</summary>
public sealed class MpiWorldTests
{
    [MpiFact]
    public void Two_ranks_allreduce_broadcast_and_gather()
    {
        var run = MpiRun.Hebb(2, "mpi-check").Succeeded("hebb mpi-check");
        // rank 0 alone prints: sums of (1, 2) and (2, 4); rank 0's 0.5; the ranks 0 and 1.
        Assert.Equal("mpi: 2 ranks; allreduce 3 6; broadcast 0.5; gather 0 1", run.Output.Trim());
    }

    [MpiFact]
    public void A_failing_rank_ends_the_job_with_one_line_naming_it()
    {
        var run = MpiRun.Hebb(2, "mpi-check", "--fail-on-rank", "1");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("hebb: rank 1 of 2: failing as --fail-on-rank asked", run.Errors);
        Assert.DoesNotContain("mpi: 2 ranks", run.Output);
    }

    [Fact]
    public void Without_open_mpi_the_error_says_what_to_install()
    {
        var error = Assert.Throws<MpiUnavailableException>(() => MpiLibrary.Load("libmpi-not-installed.so.40"));
        Assert.Equal("Open MPI's libmpi-not-installed.so.40 was not found: install Open MPI (Debian/Ubuntu: apt-get install openmpi-bin) and start with mpirun -np N", error.Message);
    }
}
