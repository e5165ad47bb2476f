using Hebb.Serialization;
using Hebb.Serialization.Onnx;
using Hebb.Tests.Serialization;
using Hebb.Tests.Serialization.Onnx;
using Hebb.Tests.Support;

namespace Hebb.Tests.Cli;

/// <summary><c>hebb export --onnx</c> and <c>hebb import</c>: files written, lines printed, errors as one line with exit 1.</summary>
public sealed class ExportImportCommandTests(ModelFileFixture fixture) : IClassFixture<ModelFileFixture>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ExportWritesTheModelAsOnnx()
    {
        string onnx = folder.PathOf("model.onnx");
        var run = CliRun.Of("export", fixture.Path, "--onnx", onnx, "--probabilities");
        run.AssertSucceeded();
        Assert.Equal($"saved {onnx}: {fixture.Model}, ONNX opset 13, input 'inputs', outputs 'logits', 'probabilities'", Assert.Single(run.OutputLines));
        Assert.Equal(OnnxExport.ToBytes(fixture.Model, withProbabilities: true), File.ReadAllBytes(onnx));
    }

    [Fact]
    public void ExportThenImportGivesBackTheModel()
    {
        string onnx = folder.PathOf("model.onnx"), back = folder.PathOf("back.safetensors");
        CliRun.Of("export", fixture.Path, "--onnx", onnx).AssertSucceeded();
        var run = CliRun.Of("import", onnx, "--output", back, "--json");
        run.AssertSucceeded();
        var line = Assert.Single(run.JsonLines());
        Assert.Equal(back, line.GetProperty("path").GetString());
        Assert.Equal(fixture.Model.ParameterCount, line.GetProperty("parameters").GetInt64());
        var imported = ModelFile.Load(back).Model;
        Assert.Equal(fixture.Model.Predict(fixture.Test.Features(0, 100)), imported.Predict(fixture.Test.Features(0, 100)));
    }

    [Fact]
    public void ImportSaysWhenItLeftOutAFinalSoftmax()
    {
        string target = folder.PathOf("softmax.safetensors");
        var run = CliRun.Of("import", OnnxImportTests.PathOf("gemm_leaky_identity_softmax.onnx"), "--output", target);
        run.AssertSucceeded();
        Assert.Equal($"saved {target}: Sequential(Dense(10 => 8, leaky_relu), Dense(8 => 8), Dense(8 => 5))", run.OutputLines[0]);
        Assert.StartsWith("left out the final node '/6/Softmax' (Softmax)", run.OutputLines[1]);
        Assert.True(File.Exists(target));
    }

    [Fact]
    public void AnUnsupportedOperatorFailsWithOneLine()
    {
        string target = folder.PathOf("conv.safetensors");
        CliRun.Of("import", OnnxImportTests.PathOf("unsupported_conv.onnx"), "--output", target)
            .AssertFailed(1, "unsupported_conv.onnx", "node '/0/Constant' (Constant)", "unsupported operator");
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void ExportWithoutOnnxIsAUsageError() =>
        Assert.Equal(2, CliRun.Of("export", fixture.Path).ExitCode);
}
