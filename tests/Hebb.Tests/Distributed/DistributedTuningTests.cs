using System.Text.Json;
using Hebb.Data;
using Hebb.Tests.Cli;
using Hebb.Tests.Serialization;
using Hebb.Tests.Support;

namespace Hebb.Tests.Distributed;

/// <summary>
/// <c>hebb tune</c> on real ranks (<c>mpirun -np N</c>) against one process with the same seed: trial i trains on rank
/// i mod N, and rank 0 alone prints the ranking one process prints (every trial's network, learning rate and scores, to
/// the last bit) and saves the model one process saves; a rank that fails, or searches other data or settings, ends the
/// job with one line.
/// </summary>
public sealed class DistributedTuningTests : IClassFixture<SmallMnistFolder>
{
    private readonly SmallMnistFolder data;

    public DistributedTuningTests(SmallMnistFolder data) => this.data = data;

    // One-epoch trials of narrow networks on the small folder, one thread per process, seed 5.
    private string[] Tune(string output, int trials, params string[] more) =>
        ["tune", "--data", data.Path, "--trials", trials.ToString(), "--epochs", "1", "--widths", "16..48", "--layers", "1..2",
            "--seed", "5", "--threads", "1", "--json", "--output", output, .. more];

    [MpiTheory]
    [InlineData(2, 5)] // three trials on rank 0, two on rank 1
    [InlineData(3, 2)] // rank 2 has no trial
    public void The_ranks_rank_the_trials_of_one_process_and_save_its_model(int ranks, int trials)
    {
        using var folder = new TemporaryFolder();
        string one = Path.Combine(folder.FullPath, "one.safetensors"), many = Path.Combine(folder.FullPath, "many.safetensors");
        var single = CliRun.Of(Tune(one, trials));
        single.AssertSucceeded();
        var distributed = MpiRun.Hebb(ranks, Tune(many, trials)).Succeeded($"mpirun -np {ranks} hebb tune");

        var expected = single.JsonLines();
        var actual = distributed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<JsonElement>(line)).ToArray();
        // Rank 0 alone prints: a line per trial, then the summary.
        Assert.Equal(trials + 1, actual.Length);
        Assert.Equal(expected[..trials].Select(Text).Order(), actual[..trials].Select(Text).Order());
        // Rank 0's own trials (1, 1 + N, …) as they end, then the others', in trial order.
        var ownFirst = Enumerable.Range(1, trials).OrderBy(trial => (trial - 1) % ranks == 0 ? 0 : 1).ThenBy(trial => trial);
        Assert.Equal(ownFirst, actual[..trials].Select(trial => trial.GetProperty("trial").GetInt32()));

        var (expectedSummary, actualSummary) = (expected[^1], actual[^1]);
        Assert.Equal(Ranking(expectedSummary), Ranking(actualSummary));
        Assert.Equal(Text(expectedSummary.GetProperty("best")), Text(actualSummary.GetProperty("best")));
        Assert.Equal(expectedSummary.GetProperty("train_command").GetString(), actualSummary.GetProperty("train_command").GetString());
        Assert.Equal(expectedSummary.GetProperty("test_accuracy").GetDouble(), actualSummary.GetProperty("test_accuracy").GetDouble());
        Assert.Equal(SafeTensorsBytes.DataSectionOf(File.ReadAllBytes(one)), SafeTensorsBytes.DataSectionOf(File.ReadAllBytes(many)));
    }

    [MpiFact]
    public void The_first_line_says_how_the_trials_are_spread()
    {
        using var folder = new TemporaryFolder();
        var run = MpiRun.Hebb(2, [.. Tune(Path.Combine(folder.FullPath, "model.safetensors"), 2).Where(arg => arg != "--json")])
            .Succeeded("mpirun -np 2 hebb tune");
        Assert.Contains("seed 5, over 2 ranks (trial i on rank i mod 2; the other ranks' trials are printed once gathered)", run.Output.Split('\n')[0]);
    }

    [MpiFact]
    public void A_rank_that_fails_ends_the_job_with_one_line_naming_it()
    {
        using var folder = new TemporaryFolder();
        string output = Path.Combine(folder.FullPath, "model.safetensors");
        // Rank 1 is given a data folder with no files: it fails while rank 0 waits for it in the first gather.
        var run = MpiRun.HebbPerRank(Tune(output, 4), ["tune", "--data", folder.FullPath, "--trials", "4", "--threads", "1", "--output", output]);
        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Errors.Split('\n'), line => line.StartsWith("hebb: "));
        Assert.StartsWith("hebb: rank 1 of 2: ", line);
        Assert.Contains(folder.FullPath, line);
        Assert.False(File.Exists(output));
    }

    [MpiFact]
    public void A_rank_given_other_settings_ends_the_job_before_any_trial()
    {
        using var folder = new TemporaryFolder();
        string output = Path.Combine(folder.FullPath, "model.safetensors");
        var run = MpiRun.HebbPerRank(Tune(output, 4), Tune(output, 4, "--learning-rates", "0.01..0.1"));
        AssertEndedBeforeAnyTrial(run, "hebb: rank 0 of 2: rank 1 of 2 searches with other settings than rank 0 (4 trials, seed 5)", output);
    }

    [MpiFact]
    public void A_rank_given_other_data_ends_the_job_before_any_trial()
    {
        using var folder = new TemporaryFolder();
        string output = Path.Combine(folder.FullPath, "model.safetensors");
        // The same shapes and counts as the fixture's folder, other digits.
        var sample = MnistData.LoadBuiltInSample();
        SmallMnistFolder.Write(folder.FullPath, "train", sample.Train.Slice(SmallMnistFolder.TrainCount, SmallMnistFolder.TrainCount));
        SmallMnistFolder.Write(folder.FullPath, "t10k", sample.Test.Slice(0, SmallMnistFolder.TestCount));
        string[] other = [.. Tune(output, 4)];
        other[Array.IndexOf(other, "--data") + 1] = folder.FullPath;
        var run = MpiRun.HebbPerRank(Tune(output, 4), other);
        AssertEndedBeforeAnyTrial(run, "hebb: rank 0 of 2: rank 1 of 2 loaded other training data than rank 0 (600 samples there)", output);
    }

    private static void AssertEndedBeforeAnyTrial(MpiRun.Result run, string expectedLine, string output)
    {
        Assert.NotEqual(0, run.ExitCode);
        Assert.StartsWith(expectedLine, Assert.Single(run.Errors.Split('\n'), line => line.StartsWith("hebb: ")));
        Assert.DoesNotContain("\"trial\"", run.Output);
        Assert.False(File.Exists(output));
    }

    private static string[] Ranking(JsonElement summary) => summary.GetProperty("ranking").EnumerateArray().Select(Text).ToArray();

    /// <summary>A trial's fields but its time, which differs from run to run.</summary>
    private static string Text(JsonElement trial) =>
        string.Join(",", trial.EnumerateObject().Where(p => p.Name != "seconds").Select(p => $"{p.Name}={p.Value.GetRawText()}"));
}
