using Hebb.Serialization;
using Hebb.Tests.Support;
using Hebb.Tests.Training;

namespace Hebb.Tests.Cli;

/// <summary>
/// The real <c>hebb train</c> process, stopped by SIGINT (Ctrl+C) or SIGTERM while it trains: it stops at the end of
/// a batch, leaves the output as of the last completed epoch, says so and how to go on in one line, and exits with the
/// shell's code for the signal.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class InterruptTests(SmallMnistFolder data) : IClassFixture<SmallMnistFolder>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(2, "SIGINT", 130)]
    [InlineData(15, "SIGTERM", 143)]
    public void ASignalStopsTrainingAndLeavesTheLastCompleteEpoch(int signal, string name, int exitCode)
    {
        string output = folder.PathOf("model.safetensors");
        using var run = HebbProcess.Start("train", "--epochs", "500", "--hidden", "32", "--data", data.Path, "--output", output);

        Assert.True(run.WaitForLine(line => line.StartsWith("epoch   2 "), Patience), string.Join('\n', run.Errors));
        run.Signal(signal);
        Assert.True(run.WaitForExit(Patience));

        Assert.Equal(exitCode, run.ExitCode);
        var error = Assert.Single(run.Errors);
        int saved = ModelFile.Load(output).History().Count;
        Assert.True(saved >= 2, $"the file holds {saved} epochs");
        Assert.Equal($"hebb: interrupted by {name} in epoch {saved + 1}; {output} holds epoch {saved}; go on with: hebb train --resume {output}", error);
        Assert.Equal(saved, run.Output.Count(line => line.StartsWith("epoch ")));
        Assert.DoesNotContain(run.Output, line => line.StartsWith("saved "));
        Assert.Equal(["model.safetensors"], folder.FileNames());
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 40)]
    [InlineData(3, 120)]
    public void ASigkillBetweenOrDuringTheEpochsSavesLeavesACompleteFileThatResumes(int epochLine, int delayMilliseconds)
    {
        string output = folder.PathOf("model.safetensors");
        using (var run = HebbProcess.Start("train", "--epochs", "500", "--hidden", "32", "--data", data.Path, "--output", output))
        {
            Assert.True(run.WaitForLine(line => line.StartsWith($"epoch {epochLine,3} "), Patience), string.Join('\n', run.Errors));
            Thread.Sleep(delayMilliseconds);
            run.KillHard();
        }

        // The epoch printed was saved before its line; later ones may have been saved since (the epochs are short).
        var saved = ModelFile.Load(output);
        Assert.True(saved.History().Count >= epochLine, $"the file holds {saved.History().Count} epochs");
        var leftovers = folder.FileNames().Where(name => name != "model.safetensors");
        Assert.All(leftovers, name => Assert.Matches(@"^\.model\.safetensors\.\w{8}\.\w{3}\.tmp$", name));
        var resumed = CliRun.Of("train", "--resume", output, "--epochs", $"{saved.History().Count + 1}");
        resumed.AssertSucceeded();
        Assert.Equal(saved.History().Count + 1, ModelFile.Load(output).History().Count);
    }

    [Fact]
    public void ADivergingLossStopsWithOneLineAndKeepsTheEarlierFile()
    {
        string output = folder.PathOf("model.safetensors");
        File.WriteAllText(output, "an earlier file");

        using var run = HebbProcess.Start("train", "--epochs", "3", "--learning-rate", "100", "--data", data.Path, "--output", output);
        Assert.True(run.WaitForExit(Patience));

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Matches($@"^hebb: training diverged: the loss became (NaN|-?∞|-?Infinity) at epoch 1, batch \d+; {System.Text.RegularExpressions.Regex.Escape(output)} was not written; try a lower learning rate than 100$", error);
        Assert.Equal("an earlier file", File.ReadAllText(output));
        Assert.DoesNotContain(run.Output, line => line.StartsWith("saved "));
    }
}
