using System.CommandLine;
using System.Globalization;
using Hebb.Cli.Distributed;

namespace Hebb.Cli.Commands;

/// <summary>
/// <c>hebb mpi-check</c> (hidden): under <c>mpirun -np N</c>, one allreduce, one broadcast and one gather across the
/// ranks, checked on every rank; rank 0 prints what it got. It tells whether Open MPI works between the machines of a
/// job before a training run is started there. <c>--fail-on-rank R</c> makes rank R fail after the exchanges, to show
/// that a failing rank ends the job.
/// </summary>
internal static class MpiCheckCommand
{
    public static Command Create(CommandContext context)
    {
        var failOnRank = new Option<int?>("--fail-on-rank") { Description = "Make this rank fail after the exchanges" };
        var command = new Command("mpi-check", "Check Open MPI between the ranks of an mpirun job") { failOnRank };
        command.Hidden = true;
        command.SetAction(parsed => DistributedRun.Run(context, (world, output) =>
        {
            int n = world.Size, rank = world.Rank;
            var sums = new float[] { rank + 1, 2 * (rank + 1) };
            world.SumInPlace(sums);
            var broadcast = new float[] { rank == 0 ? 0.5f : -1f };
            world.Broadcast(broadcast);
            var gathered = new double[rank == 0 ? n : 0];
            world.Gather([rank], gathered);
            float expected = n * (n + 1) / 2f;
            if (sums[0] != expected || sums[1] != 2 * expected || broadcast[0] != 0.5f)
                throw new InvalidOperationException($"wrong exchange: allreduce {sums[0]} {sums[1]}, expected {expected} {2 * expected}; broadcast {broadcast[0]}, expected 0.5");
            if (rank == parsed.GetValue(failOnRank)) throw new InvalidOperationException("failing as --fail-on-rank asked");
            world.Barrier();
            output.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mpi: {n} ranks; allreduce {sums[0]} {sums[1]}; broadcast {broadcast[0]}; gather {string.Join(' ', gathered)}"));
            return ExitCode.Success;
        }));
        return command;
    }
}
