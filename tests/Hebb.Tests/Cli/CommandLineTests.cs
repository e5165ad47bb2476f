using System.Text.RegularExpressions;
using Hebb.Cli;
using Hebb.Tests.Serialization;
using Hebb.Tests.Support;
using Hebb.Tests.Training;

namespace Hebb.Tests.Cli;

/// <summary>The command line's own words: unknown commands named, the program called 'hebb', help and errors agreeing.</summary>
[Collection(RunsAloneCollection.Name)]
public sealed class CommandLineTests(ModelFileFixture saved, SmallMnistFolder data)
    : IClassFixture<ModelFileFixture>, IClassFixture<SmallMnistFolder>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("eval")]
    [InlineData("predict")]
    public void EvalAndPredictNeedOnlyTheTestFiles(string command)
    {
        foreach (var file in Directory.GetFiles(data.Path, "t10k-*"))
            File.Copy(file, folder.PathOf(Path.GetFileName(file)));

        var run = CliRun.Of(command, "--model", saved.Path, "--data", folder.FullPath);

        run.AssertSucceeded();
        Assert.Contains(command == "eval" ? $"{SmallMnistFolder.TestCount} test samples of {folder.FullPath}" : "of 20 right", run.Output);
    }

    [Fact]
    public void MisspelledCommandIsNamedWithTheOneMeant() =>
        CliRun.Of("trian").AssertFailed(2, "unknown command 'trian' (did you mean 'train'?); expected one of train, eval, predict");

    [Fact]
    public void WordThatIsNoCommandIsNamed() =>
        CliRun.Of("frobnicate", "--epochs", "1").AssertFailed(2, "unknown command 'frobnicate'; expected one of train");

    [Fact]
    public void NoCommandSaysWhichThereAre() =>
        CliRun.Of().AssertFailed(2, "no command given; expected one of train, eval");

    [Theory]
    [InlineData("--help", "hebb [command] [options]")]
    [InlineData("train --help", "hebb train [options]")]
    [InlineData("plot history --help", "hebb plot history <MODEL_FILE> [options]")]
    public void HelpCallsTheProgramHebb(string args, string usage)
    {
        var run = CliRun.Of(args.Split(' '));
        run.AssertSucceeded();
        Assert.Contains($"Usage:\n  {usage}", run.Output.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("Hebb.Cli", run.Output);
    }

    [Fact]
    public void ActivationHelpAndErrorListTheSameNames()
    {
        var help = CliRun.Of("train", "--help").Output.ReplaceLineEndings(" ");
        var helpNames = Regex.Match(help, @"Activation of the hidden layers: ([a-z_, ]+?)\s*\[").Groups[1].Value.Trim();
        var error = CliRun.Of("train", "--activation", "swish").ErrorLines.Single();
        var errorNames = Regex.Match(error, "expected one of (.+), found").Groups[1].Value;
        Assert.Equal("relu, tanh, sigmoid, elu, leaky_relu", helpNames);
        Assert.Equal(helpNames, errorNames);
    }

    [Fact]
    public void EachSubcommandIsListedUnderTheNameItsFactoryGivesIt()
    {
        var context = new CommandContext(TextWriter.Null, TextWriter.Null);
        foreach (var (name, create) in HebbCommandLine.Subcommands)
            Assert.Equal(name, create(context).Name);
    }

    [Fact]
    public void ParseErrorInsideASubcommandIsTheSameWhenOnlyItIsBuilt()
    {
        // 'predict' first: only it is built; '--verbose' first: every command is, and the parser's words agree.
        var alone = CliRun.Of("predict", "--modle", "x.safetensors");
        var whole = CliRun.Of("--verbose", "predict", "--modle", "x.safetensors");
        alone.AssertFailed(2, "--modle");
        Assert.Equal(whole.ExitCode, alone.ExitCode);
        Assert.Equal(whole.Error, alone.Error);
    }
}
