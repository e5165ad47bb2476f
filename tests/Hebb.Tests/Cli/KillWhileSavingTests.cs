using Hebb.Tests.Support;
using System.Diagnostics;
using Hebb.Serialization;
using Hebb.Tests.Serialization;
using Hebb.Tests.Training;
using Xunit.Abstractions;

namespace Hebb.Tests.Cli;

/// <summary>
/// The real <c>hebb train</c>, killed at moments spread around its save, must leave at the output path either the
/// model that was there before, byte for byte, or a complete new one: the save writes a temporary file and renames it.
/// A killed process may leave its temporary file behind, but never under the output's name.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class KillWhileSavingTests(SmallMnistFolder data, ModelFileFixture earlier, ITestOutputHelper log)
    : IClassFixture<SmallMnistFolder>, IClassFixture<ModelFileFixture>, IDisposable
{
    // Of the time an unkilled run takes; the save comes in its last tenth or so, after start-up, loading and training.
    private static readonly double[] KillFractions = [0.5, 0.75, 0.85, 0.88, 0.9, 0.92, 0.94, 0.96, 0.98, 1.0];

    private const string NewModel = "Sequential(Dense(784 => 32, relu), Dense(32 => 10))";
    private const string OutputName = "model.safetensors";

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void OutputIsTheEarlierModelOrACompleteNewOne()
    {
        var output = folder.PathOf(OutputName);
        var previous = File.ReadAllBytes(earlier.Path);
        File.WriteAllBytes(output, previous);
        // The fastest of three, as the first run pays for a cold start the later ones do not.
        var runTime = Enumerable.Range(0, 3).Select(_ => TimeUnkilledRun(output)).Min();
        Assert.Equal(NewModel, ModelFile.Load(output).Model.ToString());
        log.WriteLine($"unkilled run: {runTime.TotalMilliseconds:F0} ms");

        foreach (var fraction in KillFractions)
        {
            File.WriteAllBytes(output, previous);
            using var run = StartTraining(output);
            bool finished = run.WaitForExit(runTime * fraction);
            if (!finished) run.KillHard();

            bool unchanged = File.ReadAllBytes(output).AsSpan().SequenceEqual(previous);
            if (!unchanged) Assert.Equal(NewModel, ModelFile.Load(output).Model.ToString());
            var leftovers = folder.FileNames().Where(name => name != OutputName).ToArray();
            // AtomicFile's temporary name: the output's, hidden, with Path.GetRandomFileName() and .tmp added.
            Assert.All(leftovers, name => Assert.Matches(@"^\.model\.safetensors\.\w{8}\.\w{3}\.tmp$", name));
            log.WriteLine($"{fraction,5:P0}: {(finished ? "finished" : "killed")}, {(unchanged ? "earlier model" : "new model")}" +
                          $"{(leftovers.Length > 0 ? $", left {string.Join(", ", leftovers)}" : "")}");
            foreach (var leftover in leftovers) File.Delete(folder.PathOf(leftover));
        }
    }

    private TimeSpan TimeUnkilledRun(string output)
    {
        var clock = Stopwatch.StartNew();
        using var run = StartTraining(output);
        run.WaitForExit(TimeSpan.FromMinutes(2));
        Assert.Equal(0, run.ExitCode);
        return clock.Elapsed;
    }

    private HebbProcess StartTraining(string output) =>
        HebbProcess.Start("train", "--epochs", "1", "--hidden", "32", "--data", data.Path, "--output", output);
}
