using Hebb.Tests.Support;
using Hebb.Tests.Training;

namespace Hebb.Tests.Cli;

/// <summary><c>hebb train</c>'s optimiser and schedule options: each reaches the training, and each bad value is a
/// usage error naming its option and what it accepts.</summary>
[Collection(RunsAloneCollection.Name)]
public sealed class OptimizerOptionsCommandTests(SmallMnistFolder data) : IClassFixture<SmallMnistFolder>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void HelpListsTheOptimizerAndScheduleOptions()
    {
        var run = CliRun.Of("train", "--help");

        run.AssertSucceeded();
        foreach (var option in new[] { "--optimizer", "--momentum", "--weight-decay", "--clip-norm", "--clip-value", "--schedule", "--warmup",
                     "--step-size", "--gamma", "--t-max", "--min-learning-rate", "--factor", "--patience" })
            Assert.Contains(option, run.Output);
        foreach (var name in new[] { "adamw", "rmsprop", "adagrad", "nesterov", "cosine", "plateau", "exponential" })
            Assert.Contains(name, run.Output);
    }

    [Theory]
    [InlineData("adam (beta1 0.9, beta2 0.999, eps 1E-08, weight_decay 0), learning rate 0.001, cosine (t_max 1, eta_min 0, warmup 1",
        "--optimizer", "adam", "--learning-rate", "0.001", "--schedule", "cosine", "--warmup", "1")]
    [InlineData("nesterov (momentum 0.9, dampening 0, nesterov 1, weight_decay 0.001, clip_norm 1), learning rate 0.01, step (step_size 1, gamma 0.5) schedule",
        "--optimizer", "nesterov", "--weight-decay", "0.001", "--clip-norm", "1", "--schedule", "step", "--step-size", "1", "--gamma", "0.5")]
    [InlineData("rmsprop (alpha 0.99, eps 1E-08, momentum 0.5, weight_decay 0, clip_value 0.1), learning rate 0.01, plateau (factor 0.5, patience 0",
        "--optimizer", "rmsprop", "--momentum", "0.5", "--clip-value", "0.1", "--schedule", "plateau", "--factor", "0.5", "--patience", "0")]
    public void TheChosenOptimizerAndScheduleTrainAndAreReported(string reported, params string[] options)
    {
        var run = CliRun.Of(["train", "--data", data.Path, "--epochs", "2", "--hidden", "16", "--output", folder.PathOf("model.safetensors"), .. options]);

        run.AssertSucceeded();
        Assert.Contains(reported, run.Output);
        Assert.Equal(2, run.OutputLines.Count(line => line.StartsWith("epoch ")));
    }

    [Theory]
    [InlineData("--optimizer: optimizer 'lbfgs' is not one of sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad", "--optimizer", "lbfgs")]
    [InlineData("--momentum: must lie in [0, 1), got 1.5", "--momentum", "1.5")]
    [InlineData("--momentum: adam takes no momentum", "--optimizer", "adam", "--momentum", "0.9")]
    [InlineData("--weight-decay: must be zero or more and finite, got -1", "--weight-decay", "-1")]
    [InlineData("--clip-norm: must be positive and finite, got 0", "--clip-norm", "0")]
    [InlineData("--clip-value: must be positive and finite", "--clip-value", "-0.5")]
    [InlineData("--schedule: schedule 'linear' is not one of constant, step, exponential, cosine, plateau", "--schedule", "linear")]
    [InlineData("--warmup: must be at least 0, got -2", "--warmup", "-2")]
    [InlineData("--step-size: must be at least 1, got 0", "--schedule", "step", "--step-size", "0")]
    [InlineData("--gamma: must be positive and finite, got -1", "--gamma", "-1")]
    [InlineData("--t-max: must be at least 1, got 0", "--t-max", "0")]
    [InlineData("--min-learning-rate: minimum learning rate must be zero or more", "--min-learning-rate", "-0.1")]
    [InlineData("--factor: must lie in (0, 1), got 2", "--factor", "2")]
    [InlineData("--patience: must be at least 0, got -1", "--patience", "-1")]
    public void ABadValueIsAUsageErrorNamingTheOptionAndWhatItAccepts(string message, params string[] options)
    {
        var run = CliRun.Of(["train", "--data", data.Path, "--epochs", "1", "--output", folder.PathOf("model.safetensors"), .. options]);

        run.AssertFailed(2, message);
        Assert.False(File.Exists(folder.PathOf("model.safetensors")));
    }
}
