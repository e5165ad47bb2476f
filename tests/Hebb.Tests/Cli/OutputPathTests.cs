using Hebb.Tests.Serialization;
using Hebb.Tests.Serialization.Onnx;
using Hebb.Tests.Support;
using Hebb.Tests.Training;

namespace Hebb.Tests.Cli;

/// <summary>
/// Every command that writes checks its output path before its work: an empty name, a device, a folder it cannot
/// write to are usage errors in one line naming the output (never its temporary file), and nothing is replaced.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class OutputPathTests(ModelFileFixture saved) : IClassFixture<ModelFileFixture>
{
    public static TheoryData<string[]> WritingCommands => new()
    {
        { ["train", "--epochs", "1", "--output"] },
        { ["tune", "--trials", "1", "--output"] },
        { ["plot", "activations", "--output"] },
        { ["import", OnnxImportTests.PathOf("mnist_relu.onnx"), "--output"] },
    };

    [Theory]
    [MemberData(nameof(WritingCommands))]
    public void EmptyOutputIsAUsageError(string[] command) =>
        CliRun.Of([.. command, ""]).AssertFailed(2, "--output: expected a file name, found an empty string");

    [Theory]
    [MemberData(nameof(WritingCommands))]
    public void DeviceIsRefusedBeforeTheWork(string[] command)
    {
        if (!OperatingSystem.IsLinux()) return;
        CliRun.Of([.. command, "/dev/full"]).AssertFailed(2, "--output: /dev/full: is a character device, not a regular file");
        Assert.Equal(0, new FileInfo("/dev/full").Length);
    }

    [Theory]
    [MemberData(nameof(WritingCommands))]
    public void UnwritableFolderIsFoundBeforeTheWorkNamingTheOutput(string[] command)
    {
        if (!OperatingSystem.IsLinux()) return;
        var run = CliRun.Of([.. command, "/proc/hebb-output"]);
        run.AssertFailed(2, "--output: /proc/hebb-output: cannot write it: ");
        Assert.DoesNotContain(".tmp", run.Error);
    }

    [Fact]
    public void ExportChecksItsOnnxPathFirst()
    {
        if (!OperatingSystem.IsLinux()) return;
        CliRun.Of("export", saved.Path, "--onnx", "/dev/null").AssertFailed(2, "--onnx: /dev/null: is a character device");
        CliRun.Of("export", saved.Path, "--onnx", "").AssertFailed(2, "--onnx: expected a file name");
    }
}
