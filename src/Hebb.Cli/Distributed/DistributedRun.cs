using Hebb.Distributed;

namespace Hebb.Cli.Distributed;

/// <summary>
/// A command's work on every rank of an <c>mpirun</c> job: MPI is started before it and finalised after it; only rank 0
/// writes to the command's output. A rank that fails writes one line naming itself and the cause, then ends the whole
/// job with MPI_Abort, so that the other ranks never wait for it in a collective call that will not come.
/// </summary>
internal static class DistributedRun
{
    /// <summary>Runs <paramref name="work"/> with the world and the context this rank writes to; returns its exit code.</summary>
    public static int Run(CommandContext context, Func<IProcessGroup, CommandContext, int> work)
    {
        var world = MpiWorld.Start();
        var rankContext = world.Rank == 0 ? context : context with { Output = TextWriter.Null };
        int exitCode;
        try
        {
            exitCode = work(world, rankContext);
        }
        catch (Exception exception)
        {
            context.Error.WriteLine($"hebb: rank {world.Rank} of {world.Size}: {HebbCommandLine.OneLine(exception)}");
            context.Error.Flush();
            world.Abort(exception is UsageException ? ExitCode.Usage : ExitCode.Failure);
            throw; // MPI_Abort does not return
        }
        world.Dispose();
        return exitCode;
    }
}
