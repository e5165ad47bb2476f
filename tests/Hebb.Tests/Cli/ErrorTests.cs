using Hebb.Tests.Support;
using Hebb.Tests.Data;
using Hebb.Tests.Serialization;
using Hebb.Tests.Training;

namespace Hebb.Tests.Cli;

/// <summary>
/// Exit codes and error messages: 2 and one line for a wrong command line, 1 and one line naming the file for a bad
/// file, the stack trace only with --verbose. In the collection that runs alone because 'train' sets the thread count.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class ErrorTests(ModelFileFixture saved, SmallMnistFolder data) : IClassFixture<ModelFileFixture>, IClassFixture<SmallMnistFolder>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void RootHelpListsTheCommands()
    {
        var run = CliRun.Of("--help");

        run.AssertSucceeded();
        foreach (var command in new[] { "train", "eval", "predict", "info", "--verbose" }) Assert.Contains(command, run.Output);
    }

    [Fact]
    public void NoCommandAtAllIsAUsageError()
    {
        var run = CliRun.Of();

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("hebb: ", run.ErrorLines.Single());
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("train", "--bogus")]
    [InlineData("eval", "--model")]
    [InlineData("train", "--epochs", "many")]
    public void UnparsableCommandLine(params string[] args) =>
        CliRun.Of(args).AssertFailed(2, "see 'hebb --help'");

    [Theory]
    [InlineData("--epochs", "0", "--epochs: expected a positive integer, found 0")]
    [InlineData("--batch-size", "-5", "--batch-size: expected a positive integer, found -5")]
    [InlineData("--learning-rate", "0", "--learning-rate: expected a positive number, found 0")]
    [InlineData("--hidden", "300,abc", "--hidden: expected comma-separated positive widths such as 300,100, found '300,abc'")]
    [InlineData("--hidden", "300,0", "--hidden: expected comma-separated positive widths")]
    [InlineData("--activation", "swish", "--activation: expected one of relu, tanh, sigmoid, elu, leaky_relu, found 'swish'")]
    [InlineData("--activation", "softmax", "--activation: expected one of relu, tanh, sigmoid, elu, leaky_relu, found 'softmax'")]
    [InlineData("--activation", "heaviside", "--activation: expected one of relu, tanh, sigmoid, elu, leaky_relu, found 'heaviside'")]
    [InlineData("--threads", "0", "--threads: expected a positive integer, found 0")]
    public void BadTrainOptionValue(string option, string value, string message) =>
        CliRun.Of("train", "--data", data.Path, option, value, "--output", folder.PathOf("model.safetensors")).AssertFailed(2, message);

    [Theory]
    [InlineData("eval")]
    [InlineData("predict")]
    public void MissingModelOption(string command) =>
        CliRun.Of(command).AssertFailed(2, "--model");

    [Fact]
    public void OutputIntoAMissingFolderIsRefusedBeforeTraining()
    {
        var missing = Path.Combine(folder.FullPath, "no-such-folder");

        CliRun.Of("train", "--data", data.Path, "--output", Path.Combine(missing, "model.safetensors")).AssertFailed(2, "--output", missing, "does not exist");
    }

    [Fact]
    public void OutputThatIsAFolderIsRefusedBeforeTraining() =>
        CliRun.Of("train", "--data", data.Path, "--output", folder.FullPath).AssertFailed(2, "--output", "is a folder");

    [Theory]
    [InlineData(ModelFileDamage.CorruptHeader, "header")]
    [InlineData(ModelFileDamage.WrongChecksum, "__metadata__.hebb.sha256: checksum mismatch")]
    [InlineData(ModelFileDamage.TruncatedBody, "data section")]
    [InlineData(ModelFileDamage.ShapeThatDoesNotFit, "tensor 'hidden1/weights' shape")]
    public void DamagedModelFile(ModelFileDamage damage, string field)
    {
        var model = folder.PathOf("damaged.safetensors");
        damage.Write(saved.Path, model);

        foreach (var args in new[] { new[] { "eval", "--model", model, "--data", data.Path }, ["predict", "--model", model, "--data", data.Path], ["info", model] })
            CliRun.Of(args).AssertFailed(1, $"hebb: {model}: {field}");
    }

    [Fact]
    public void MissingModelFile()
    {
        var model = folder.PathOf("absent.safetensors");

        CliRun.Of("info", model).AssertFailed(1, model);
    }

    [Fact]
    public void DataFolderWithAnImagesFileOfTheWrongMagicNumber()
    {
        var images = DataCopy("t10k-images-idx3-ubyte");
        var content = File.ReadAllBytes(images);
        content[3] = 0x01;  // 2049, the labels' magic number
        File.WriteAllBytes(images, content);

        EvalOnCopy().AssertFailed(1, $"{images}: magic: expected 2051 (IDX images), found 2049 (IDX labels)");
    }

    [Fact]
    public void DataFolderWithAnImagesFileCutShort()
    {
        var images = DataCopy("t10k-images-idx3-ubyte");
        var content = File.ReadAllBytes(images);
        File.WriteAllBytes(images, content[..^500]);

        EvalOnCopy().AssertFailed(1, $"{images}: body: expected 156800 bytes for dimensions 200x28x28, found 156300");
    }

    [Fact]
    public void DataFolderWithAFileMissing()
    {
        File.Delete(DataCopy("t10k-labels-idx1-ubyte"));

        EvalOnCopy().AssertFailed(1, DataFolder, "t10k-labels-idx1-ubyte");
    }

    [Fact]
    public void MissingDataFolder()
    {
        var missing = folder.PathOf("no-such-folder");

        CliRun.Of("eval", "--model", saved.Path, "--data", missing).AssertFailed(1, missing);
    }

    [Fact]
    public void DataOfAnotherImageSizeThanTheModelTakes()
    {
        Directory.CreateDirectory(DataFolder);
        IdxFiles.Write(Path.Combine(DataFolder, "train-images-idx3-ubyte"), IdxFiles.Images(2, 2, 2, new byte[8]), gzip: false);
        IdxFiles.Write(Path.Combine(DataFolder, "train-labels-idx1-ubyte"), IdxFiles.Labels([0, 1]), gzip: false);
        IdxFiles.Write(Path.Combine(DataFolder, "t10k-images-idx3-ubyte"), IdxFiles.Images(1, 2, 2, new byte[4]), gzip: false);
        IdxFiles.Write(Path.Combine(DataFolder, "t10k-labels-idx1-ubyte"), IdxFiles.Labels([1]), gzip: false);

        EvalOnCopy().AssertFailed(1, "features per sample: expected 784", "found 4");
    }

    [Fact]
    public void VerboseAddsTheStackTrace()
    {
        var model = folder.PathOf("damaged.safetensors");
        ModelFileDamage.WrongChecksum.Write(saved.Path, model);

        var run = CliRun.Of("info", model, "--verbose");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"hebb: {model}: __metadata__.hebb.sha256: checksum mismatch", run.ErrorLines[0]);
        Assert.Contains(run.ErrorLines, line => line.StartsWith("at Hebb.Serialization.SafeTensorsReader."));
        Assert.Contains("Hebb.InvalidFileException", run.Error);
    }

    private string DataFolder => folder.PathOf("data");

    /// <summary>Copies the small MNIST folder to <see cref="DataFolder"/> and returns the path of the copy of <paramref name="fileName"/>.</summary>
    private string DataCopy(string fileName)
    {
        Directory.CreateDirectory(DataFolder);
        foreach (var file in Directory.GetFiles(data.Path))
            File.Copy(file, Path.Combine(DataFolder, Path.GetFileName(file)));
        return Path.Combine(DataFolder, fileName);
    }

    private CliRun EvalOnCopy() => CliRun.Of("eval", "--model", saved.Path, "--data", DataFolder);
}
