using Hebb.Examples;
using Hebb.Serialization;
using Hebb.Tests.Cli;
using Hebb.Tests.Support;
using Hebb.Tests.Training;

namespace Hebb.Tests.Graph;

/// <summary>
/// The example program itself against the <c>hebb train</c> command itself, on the same <c>--data</c> folder (600
/// training digits, twelve batches of 50) for two epochs: the example's checkpoint holds <c>hebb train</c>'s model
/// file's weights bit for bit, under the note's names (<c>dnn/hidden1/weights</c> for <c>hidden1/weights</c>).
/// In the collection that runs alone because <c>hebb train</c> sets the process's thread count.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class NoteProgramAgainstHebbTrainTests(SmallMnistFolder data) : IClassFixture<SmallMnistFolder>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void TheExamplesCheckpointHoldsTheWeightsOfHebbTrainsModelFile()
    {
        string model = folder.PathOf("model.safetensors"), checkpoint = folder.PathOf("my_model_final.safetensors");
        CliRun.Of("train", "--data", data.Path, "--epochs", "2", "--output", model).AssertSucceeded();

        var lines = new StringWriter();
        NoteTensorFlow.Run(lines, epochs: 2, dataFolder: data.Path, savePath: checkpoint);

        var trained = ModelFile.Load(model).Model.Parameters;
        var saved = SafeTensorsReader.Read(checkpoint);
        Assert.Equal(6, trained.Count);
        foreach (var parameter in trained)
            Assert.Equal(Bits(parameter.Value.Data), Bits(saved[$"dnn/{parameter.Name}"].Data));
        Assert.StartsWith("1 Train accuracy: ", lines.ToString().Split('\n')[1]);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
