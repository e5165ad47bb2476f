namespace Hebb.Tests.Training;

/// <summary>
/// Tests that set the process-wide <c>Parallelism.ThreadCount</c> (themselves or through <c>hebb train</c>), or that
/// time a child process. xunit runs this collection after all the others, one test at a time, so that a thread count
/// a test sets is the one its training runs with, and no other test's load skews a timing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAloneCollection
{
    public const string Name = "runs alone";
}
