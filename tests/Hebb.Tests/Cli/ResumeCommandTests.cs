using Hebb.Serialization;
using Hebb.Tests.Support;
using Hebb.Tests.Training;

namespace Hebb.Tests.Cli;

/// <summary><c>hebb train --resume</c>: goes on with a saved run on its own settings and data, bit for bit, and refuses
/// settings that conflict with the run's.</summary>
[Collection(RunsAloneCollection.Name)]
public sealed class ResumeCommandTests(SmallMnistFolder data) : IClassFixture<SmallMnistFolder>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Adam, a cosine schedule after a warm-up, dropout, batch normalization and a validation split on the small folder.</summary>
    private string[] Settings(string output, int epochs) =>
    [
        "train", "--data", data.Path, "--epochs", $"{epochs}", "--hidden", "24,12", "--dropout", "0.2", "--batch-norm",
        "--validation", "0.2", "--seed", "9", "--threads", "1", "--output", output, .. RunSettings,
    ];

    // The cosine's length is given, so that the 3-epoch run has the rates of the 6-epoch one.
    private static readonly string[] RunSettings = ["--optimizer", "adam", "--learning-rate", "0.005", "--schedule", "cosine", "--warmup", "1", "--t-max", "5"];

    [Fact]
    public void ThreeEpochsResumedToSixEqualSixUninterrupted()
    {
        string whole = folder.PathOf("whole.safetensors"), resumed = folder.PathOf("resumed.safetensors");
        CliRun.Of(Settings(whole, 6)).AssertSucceeded();
        CliRun.Of(Settings(resumed, 3)).AssertSucceeded();

        var run = CliRun.Of("train", "--resume", resumed, "--epochs", "6");

        run.AssertSucceeded();
        Assert.Contains("resuming after epoch 3", run.Output);
        Assert.Equal(3, run.OutputLines.Count(line => line.StartsWith("epoch ")));
        Assert.StartsWith("epoch   4 ", run.OutputLines.First(line => line.StartsWith("epoch ")));
        ResumeTests.AssertSameRun(whole, resumed);
    }

    [Fact]
    public void OutputNamesAnotherFileAndTheResumedOneStaysAsItWas()
    {
        string first = folder.PathOf("first.safetensors"), second = folder.PathOf("second.safetensors");
        CliRun.Of(Settings(first, 1)).AssertSucceeded();
        var before = File.ReadAllBytes(first);

        CliRun.Of("train", "--resume", first, "--epochs", "2", "--output", second).AssertSucceeded();

        Assert.Equal(before, File.ReadAllBytes(first));
        Assert.Equal(2, ModelFile.Load(second).History().Count);
    }

    [Theory]
    [InlineData("--learning-rate", "0.1", "--resume: --learning-rate 0.1 conflicts with the run in {0}, which used 0.005")]
    [InlineData("--optimizer", "sgd", "--resume: --optimizer sgd conflicts with the run in {0}, which used adam")]
    [InlineData("--hidden", "32", "--resume: --hidden 32 conflicts with the run in {0}, which used 24,12")]
    [InlineData("--seed", "1", "--resume: --seed 1 conflicts with the run in {0}, which used 9")]
    [InlineData("--batch-norm", "false", "--resume: --batch-norm false conflicts with the run in {0}, which used true")]
    public void ASettingThatConflictsWithTheRunsIsAUsageErrorNamingIt(string option, string value, string message)
    {
        string path = folder.PathOf("model.safetensors");
        CliRun.Of(Settings(path, 1)).AssertSucceeded();

        var run = CliRun.Of("train", "--resume", path, "--epochs", "2", option, value);

        run.AssertFailed(2, string.Format(message, path));
    }

    [Fact]
    public void RepeatingTheRunsOwnSettingIsNoConflict()
    {
        string path = folder.PathOf("model.safetensors");
        CliRun.Of(Settings(path, 1)).AssertSucceeded();

        CliRun.Of("train", "--resume", path, "--epochs", "2", "--learning-rate", "0.005", "--schedule", "cosine", "--hidden", "24,12").AssertSucceeded();
    }

    [Fact]
    public void OtherDataIsAUsageErrorNamingTheDifference()
    {
        string path = folder.PathOf("model.safetensors");
        CliRun.Of(Settings(path, 1)).AssertSucceeded();
        var sample = Hebb.Data.MnistData.LoadBuiltInSample();
        using var otherDigits = new TemporaryFolder();
        SmallMnistFolder.Write(otherDigits.FullPath, "train", sample.Train.Slice(600, SmallMnistFolder.TrainCount));
        SmallMnistFolder.Write(otherDigits.FullPath, "t10k", sample.Test.Slice(0, SmallMnistFolder.TestCount));

        var run = CliRun.Of("train", "--resume", path, "--epochs", "2", "--data", otherDigits.FullPath);

        run.AssertFailed(2, "--data: the data has the run's 600 samples of 784 features, but not the same ones");
        Assert.Single(ModelFile.Load(path).History());
    }

    [Fact]
    public void AFileWithoutARunsStateIsRefused()
    {
        string path = folder.PathOf("model.safetensors");
        ModelFile.Save(path, Hebb.Layers.Mlp.Create(784, [8], 10, Hebb.Activations.Activation.Relu, seed: 1));

        var run = CliRun.Of("train", "--resume", path);

        run.AssertFailed(1, "__metadata__.hebb.checkpoint");
    }
}
