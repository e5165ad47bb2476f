using System.Text.Json;
using Hebb.Distributed;
using Hebb.Serialization;
using Hebb.Tests.Cli;
using Hebb.Tests.Support;

namespace Hebb.Tests.Distributed;

/// <summary>
/// <c>hebb train</c> on two real ranks (<c>mpirun -np 2</c>) against one process with the same seed and global batch:
/// the same weights up to the rounding of the gradients' sums (1e-5 relative), with SGD and Adam, through shared memory
/// (the ranks are on one host) and through MPI's allreduces (with HEBB_SHM_DISABLE=1, as across hosts), bit for bit from
/// run to run; rank 0 alone prints and saves; a rank that fails ends the job.
/// </summary>
public sealed class DistributedTrainingTests : IClassFixture<SmallMnistFolder>
{
    private readonly SmallMnistFolder data;

    public DistributedTrainingTests(SmallMnistFolder data) => this.data = data;

    // 600 samples in global batches of 45: 13 batches shared 22/23 between two ranks, and a last one of 15 (7/8).
    private string[] Train(string output, params string[] more) =>
        ["train", "--data", data.Path, "--epochs", "2", "--batch-size", "45", "--hidden", "32", "--threads", "1", "--json", "--output", output, .. more];

    [MpiTheory]
    [InlineData("sgd", "0.05", false)]
    [InlineData("adam", "0.001", false)]
    [InlineData("sgd", "0.05", true)]
    [InlineData("adam", "0.001", true)]
    public void Two_ranks_train_the_weights_of_one_process(string optimizer, string rate, bool throughMpi)
    {
        using var folder = new TemporaryFolder();
        string[] settings = ["--optimizer", optimizer, "--learning-rate", rate];
        string one = Path.Combine(folder.FullPath, "one.safetensors"), two = Path.Combine(folder.FullPath, "two.safetensors");
        var single = CliRun.Of(Train(one, settings));
        single.AssertSucceeded();
        var distributed = MpiRun.Hebb(throughMpi ? MpiWorld.SharedMemoryDisabledVariable + "=1" : null, 2, Train(two, settings))
            .Succeeded("mpirun -np 2 hebb train");

        // Rank 0 alone prints: the lines of one process (start, two epochs, saved).
        Assert.Equal(single.OutputLines.Length, distributed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        // Its epoch lines add what the exchange cost: every gradient and the loss, 4 bytes each, per step, and its time in MPI.
        using (var epoch = JsonDocument.Parse(distributed.Output.Split('\n')[0]))
        {
            Assert.Equal(2, epoch.RootElement.GetProperty("ranks").GetInt32());
            Assert.Equal(4 * (784 * 32 + 32 + 32 * 10 + 10 + 1), epoch.RootElement.GetProperty("allreduce_bytes_per_step").GetInt64());
            double seconds = epoch.RootElement.GetProperty("allreduce_seconds").GetDouble();
            Assert.InRange(seconds, 0, epoch.RootElement.GetProperty("seconds").GetDouble());
            // Through shared memory, the part of it spent waiting for the other rank is known.
            Assert.Equal(!throughMpi, epoch.RootElement.TryGetProperty("allreduce_wait_seconds", out var waiting));
            if (!throughMpi) Assert.InRange(waiting.GetDouble(), 0, seconds);
        }
        Assert.DoesNotContain("allreduce", single.Output);
        // The relative error of each tensor, |two - one| / |one| in the Euclidean norm: the gradients' sums are rounded in
        // another order (each share's, then the allreduce's), which Adam's division by the root of its second moment
        // magnifies most where a gradient is near 0.
        foreach (var (name, expected, actual) in Tensors(one, two))
        {
            double difference = Math.Sqrt(expected.Zip(actual, (a, b) => (double)(a - b) * (a - b)).Sum());
            double norm = Math.Sqrt(expected.Sum(a => (double)a * a));
            Assert.True(difference <= 1e-5 * norm, $"{name}: relative error {difference / norm}");
        }
    }

    [MpiTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_ranks_train_the_same_weights_bit_for_bit_every_run(bool throughMpi)
    {
        using var folder = new TemporaryFolder();
        string first = Path.Combine(folder.FullPath, "first.safetensors"), second = Path.Combine(folder.FullPath, "second.safetensors");
        string? setting = throughMpi ? MpiWorld.SharedMemoryDisabledVariable + "=1" : null;
        MpiRun.Hebb(setting, 2, Train(first, "--optimizer", "adam", "--learning-rate", "0.001")).Succeeded("first run");
        MpiRun.Hebb(setting, 2, Train(second, "--optimizer", "adam", "--learning-rate", "0.001")).Succeeded("second run");
        foreach (var (name, a, b) in Tensors(first, second))
            Assert.True(a.AsSpan().SequenceEqual(b), $"{name} differs between two runs");
    }

    [MpiFact]
    public void A_rank_that_fails_ends_the_job_with_one_line_naming_it()
    {
        using var folder = new TemporaryFolder();
        string output = Path.Combine(folder.FullPath, "model.safetensors");
        // Rank 1 is given a data folder with no files: it fails while rank 0 waits for it in the first broadcast.
        var run = MpiRun.HebbPerRank(Train(output), ["train", "--data", folder.FullPath, "--epochs", "2", "--threads", "1", "--output", output]);
        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Errors.Split('\n'), line => line.StartsWith("hebb: "));
        Assert.StartsWith("hebb: rank 1 of 2: ", line);
        Assert.Contains(folder.FullPath, line);
        Assert.False(File.Exists(output));
    }

    [MpiFact]
    public void Dropout_is_refused_in_one_line()
    {
        using var folder = new TemporaryFolder();
        var run = MpiRun.Hebb(2, Train(Path.Combine(folder.FullPath, "model.safetensors"), "--dropout", "0.2"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("data-parallel training does not support dropout", run.Errors);
    }

    private static IEnumerable<(string Name, float[] Expected, float[] Actual)> Tensors(string expectedFile, string actualFile)
    {
        var expected = ModelFile.Load(expectedFile).Model;
        var actual = ModelFile.Load(actualFile).Model.Parameters.ToDictionary(parameter => parameter.Name);
        foreach (var parameter in expected.Parameters)
            yield return (parameter.Name, parameter.Value.Data.ToArray(), actual[parameter.Name].Value.Data.ToArray());
    }
}
