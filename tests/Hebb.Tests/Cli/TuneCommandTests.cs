using System.Text.Json;
using Hebb.Serialization;
using Hebb.Tests.Serialization;
using Hebb.Tests.Support;
using Hebb.Tests.Training;

namespace Hebb.Tests.Cli;

[Collection(RunsAloneCollection.Name)]
public sealed class TuneCommandTests(SmallMnistFolder data) : IClassFixture<SmallMnistFolder>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void HelpExplainsTheSearchSpaceAndRepeatsTheNotesAdvice()
    {
        var run = CliRun.Of("tune", "--help");

        run.AssertSucceeded();
        foreach (var option in new[] { "--data", "--trials", "--epochs", "--final-epochs", "--seed", "--validation", "--batch-size",
                     "--layers", "--widths", "--activations", "--learning-rates", "--threads", "--output", "--json" })
            Assert.Contains(option, run.Output);
        foreach (var advice in new[] { "one hidden layer is often enough", "fewer units", "funnel", "ReLU", "softmax", "overfit", "never", "1 to 4" })
            Assert.Contains(advice, run.Output);
    }

    [Fact]
    public void TextShowsEachTrialTheRankingAndTheTestedBestModel()
    {
        var model = folder.PathOf("tuned.safetensors");

        var run = Tune(model);

        run.AssertSucceeded();
        var lines = run.OutputLines;
        Assert.Contains("3 trials of 1 epoch, 540 training samples, 60 validation samples held out from the training set, seed 5", lines[0]);
        Assert.Equal(3, lines.Count(line => line.StartsWith("trial ")));
        Assert.Matches(@"^trial +1/3 +784(-\d+){1,4}-10 (relu|tanh|sigmoid|elu|leaky_relu) lr=0\.\d+ +validation accuracy [01]\.\d{4}  loss \d+\.\d{4}  training loss \d+\.\d{4} +\d+\.\d s$", lines[1]);
        Assert.Contains("trials ranked by validation accuracy", run.Output);
        Assert.Contains(lines, line => line.StartsWith("best: trial "));
        Assert.Contains(lines, line => line.StartsWith("training it on all 600 training samples for 1 epoch, as: hebb train --data "));
        Assert.Matches(@"^test accuracy [01]\.\d{4} \(loss \d+\.\d{4}\) on 200 test samples$", lines[^3]);
        Assert.Equal($"saved {Path.GetFullPath(model)}", lines[^2]);
        Assert.StartsWith("tuned in ", lines[^1]);
        Assert.DoesNotContain('\u001b', run.Output);
        ModelFile.Load(model);
    }

    [Fact]
    public void JsonGivesEachTrialThenTheRankingBestTestAccuracyAndModel()
    {
        var model = folder.PathOf("tuned.safetensors");

        var run = Tune(model, "--json");

        run.AssertSucceeded();
        var lines = run.JsonLines();
        Assert.Equal(4, lines.Length);
        Assert.Equal([1, 2, 3], lines[..3].Select(trial => trial.GetProperty("trial").GetInt32()));
        var summary = lines[3];
        var ranking = summary.GetProperty("ranking").EnumerateArray().ToArray();
        Assert.Equal(lines[..3].Select(Text).Order(), ranking.Select(Text).Order());
        var accuracies = ranking.Select(trial => trial.GetProperty("validation_accuracy").GetDouble()).ToArray();
        Assert.Equal(accuracies.OrderDescending(), accuracies);
        Assert.Equal(Text(ranking[0]), Text(summary.GetProperty("best")));
        Assert.Equal(Path.GetFullPath(model), summary.GetProperty("model").GetString());

        var saved = ModelFile.Load(model);
        var best = summary.GetProperty("best");
        Assert.Equal(best.GetProperty("network").GetString(), string.Join('-', [784, .. best.GetProperty("hidden_widths").EnumerateArray().Select(w => w.GetInt32()), 10]));
        Assert.Contains($"Dense(784 => {best.GetProperty("hidden_widths")[0].GetInt32()}, {best.GetProperty("activation").GetString()})", saved.Model.ToString());
        var evaluated = CliRun.Of("eval", "--model", model, "--data", data.Path, "--json").JsonLines()[0];
        Assert.Equal(evaluated.GetProperty("accuracy").GetDouble(), summary.GetProperty("test_accuracy").GetDouble());
        Assert.Contains("\"test_accuracy\":" + evaluated.GetProperty("accuracy").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture), saved.Metadata["hebb.history"]);
    }

    [Fact]
    public void TheSavedModelIsWhatThePrintedTrainCommandTrains()
    {
        var tuned = folder.PathOf("tuned.safetensors");
        var trained = folder.PathOf("trained.safetensors");
        var summary = Tune(tuned, "--json").JsonLines()[^1];

        var command = summary.GetProperty("train_command").GetString()!.Split(' ');
        Assert.Equal("hebb", command[0]);
        CliRun.Of([.. command[1..], "--threads", "1", "--output", trained, "--json"]).AssertSucceeded();

        Assert.Equal(SafeTensorsBytes.DataSectionOf(File.ReadAllBytes(trained)), SafeTensorsBytes.DataSectionOf(File.ReadAllBytes(tuned)));
    }

    [Theory]
    [InlineData("--trials", "0")]
    [InlineData("--epochs", "0")]
    [InlineData("--final-epochs", "0")]
    [InlineData("--batch-size", "0")]
    [InlineData("--threads", "0")]
    [InlineData("--validation", "0")]
    [InlineData("--validation", "1")]
    [InlineData("--validation", "1.5")]
    [InlineData("--layers", "0..2")]
    [InlineData("--layers", "3..2")]
    [InlineData("--widths", "wide")]
    [InlineData("--widths", "16..")]
    [InlineData("--learning-rates", "0..0.1")]
    [InlineData("--learning-rates", "0.1..Infinity")]
    [InlineData("--activations", "relu,softmax")]
    [InlineData("--activations", "")]
    public void ImpossibleValuesAreUsageErrors(string option, string value) =>
        CliRun.Of("tune", "--data", data.Path, option, value, "--output", folder.PathOf("never.safetensors")).AssertFailed(2, option);

    [Fact]
    public void AMissingOutputFolderFailsBeforeTheSearch() =>
        CliRun.Of("tune", "--data", data.Path, "--output", Path.Combine(folder.FullPath, "missing", "tuned.safetensors")).AssertFailed(2, "--output");

    /// <summary>Three one-epoch trials of narrow networks on the small folder, single-threaded, seed 5.</summary>
    private CliRun Tune(string model, params string[] more) =>
        CliRun.Of(["tune", "--data", data.Path, "--trials", "3", "--epochs", "1", "--widths", "16..64", "--seed", "5", "--threads", "1", "--output", model, .. more]);

    /// <summary>A trial's fields but its time, which differs from run to run.</summary>
    private static string Text(JsonElement trial) =>
        string.Join(",", trial.EnumerateObject().Where(p => p.Name != "seconds").Select(p => $"{p.Name}={p.Value}"));
}
