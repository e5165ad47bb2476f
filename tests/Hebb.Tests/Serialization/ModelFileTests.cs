using Hebb.Tests.Support;
using System.Security.Cryptography;
using System.Text.Json;
using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Layers;
using Hebb.Serialization;
using Hebb.Tensors;

namespace Hebb.Tests.Serialization;

public sealed class ModelFileTests(ModelFileFixture saved) : IClassFixture<ModelFileFixture>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void LoadedModelGivesBitIdenticalLogitsAndPredictions()
    {
        var loaded = ModelFile.Load(saved.Path);
        var inputs = saved.Test.Features(0, saved.Test.Count);

        Assert.Equal(Bits(Logits(saved.Model, inputs)), Bits(Logits(loaded.Model, inputs)));
        Assert.Equal(saved.Model.Predict(inputs), loaded.Model.Predict(inputs));
        Assert.Equal(saved.Model.ToString(), loaded.Model.ToString());
        Assert.Equal(saved.Model.Parameters.Select(p => p.Name), loaded.Model.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void MetadataRecordsTheArchitecture()
    {
        var metadata = ModelFile.Load(saved.Path).Metadata;

        Assert.Equal(ModelFile.Format, metadata["format"]);
        using var architecture = JsonDocument.Parse(metadata["hebb.architecture"]);
        var layers = architecture.RootElement.EnumerateArray()
            .Select(layer => (
                layer.GetProperty("name").GetString(), layer.GetProperty("type").GetString(),
                layer.GetProperty("inputs").GetInt32(), layer.GetProperty("outputs").GetInt32(),
                layer.GetProperty("activation").GetString()))
            .ToArray();
        Assert.Equal(
            [("hidden1", "dense", 784, 32, "relu"), ("hidden2", "dense", 32, 16, "relu"), ("outputs", "dense", 16, 10, "identity")],
            layers);
    }

    [Fact]
    public void MetadataRecordsTheTrainingSettingsEpochAndHistory()
    {
        var metadata = ModelFile.Load(saved.Path).Metadata;

        using var training = JsonDocument.Parse(metadata["hebb.training"]);
        var settings = training.RootElement;
        Assert.Equal("sgd", settings.GetProperty("optimizer").GetString());
        Assert.Equal(saved.Options.LearningRate, settings.GetProperty("learning_rate").GetSingle());
        Assert.Equal(saved.Options.BatchSize, settings.GetProperty("batch_size").GetInt32());
        Assert.Equal(saved.Options.Epochs, settings.GetProperty("epochs").GetInt32());
        Assert.Equal(saved.Options.Seed, settings.GetProperty("seed").GetUInt64());
        Assert.Equal("softmax_cross_entropy", settings.GetProperty("loss").GetString());
        Assert.Equal("truncated_normal", settings.GetProperty("initializer").GetString());

        Assert.Equal("1", metadata["hebb.epoch"]);
        Assert.Equal(saved.Info.Dataset, metadata["hebb.dataset"]);
        Assert.Equal("1", metadata["hebb.threads"]);
        using var history = JsonDocument.Parse(metadata["hebb.history"]);
        var epoch = Assert.Single(history.RootElement.EnumerateArray().ToArray());
        var report = saved.Info.History[0];
        Assert.Equal(1, epoch.GetProperty("epoch").GetInt32());
        Assert.Equal(report.Loss, epoch.GetProperty("loss").GetDouble());
        Assert.Equal(report.TrainAccuracy, epoch.GetProperty("train_accuracy").GetDouble());
        Assert.Equal(report.TestAccuracy, epoch.GetProperty("test_accuracy").GetDouble());
        Assert.Equal(report.Seconds, epoch.GetProperty("seconds").GetDouble());
        Assert.Equal(report.SamplesPerSecond, epoch.GetProperty("samples_per_second").GetDouble());
    }

    [Fact]
    public void HistoryWithoutTestAccuracySaves()
    {
        // What training without a test set reports, as Trainer.Fit(train, test: null) does.
        var info = saved.Info with { History = [saved.Info.History[0] with { TestAccuracy = double.NaN }] };
        var path = folder.PathOf("untested.safetensors");

        ModelFile.Save(path, saved.Model, info);

        Assert.Contains("\"test_accuracy\":\"NaN\"", ModelFile.Load(path).Metadata["hebb.history"]);
    }

    [Fact]
    public void MetadataHoldsTheSha256OfTheDataSection()
    {
        var dataSection = SafeTensorsBytes.DataSectionOf(File.ReadAllBytes(saved.Path));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(dataSection)), ModelFile.Load(saved.Path).Metadata["hebb.sha256"]);
    }

    [Fact]
    public void MissingArchitecture() =>
        AssertLoadFails(Variant((_, metadata) => metadata.Remove("hebb.architecture")),
            "__metadata__.hebb.architecture", "missing; expected a file written by 'hebb train'");

    [Theory]
    [InlineData("[]")]
    [InlineData("[null]")]
    [InlineData("{\"name\": \"hidden1\"}")]
    [InlineData("not json")]
    public void ArchitectureThatIsNotAListOfLayers(string architecture) =>
        AssertLoadFails(Variant((_, metadata) => metadata["hebb.architecture"] = architecture),
            "__metadata__.hebb.architecture", "expected a");

    [Theory]
    [InlineData("[{\"name\": \"hidden1\", \"type\": \"dense\", \"outputs\": 32, \"activation\": \"relu\"}]", "layer 0 has no 'inputs'")]
    [InlineData("[{\"name\": \"hidden1\", \"type\": \"dense\", \"inputs\": \"784\", \"outputs\": 32, \"activation\": \"relu\"}]", "layer 0 'inputs': expected a number, found \"784\"")]
    [InlineData("[{\"name\": \"hidden1\", \"type\": \"dense\", \"inputs\": 784.5, \"outputs\": 32, \"activation\": \"relu\"}]", "layer 0 'inputs': expected a number, found 784.5")]
    [InlineData("[{\"name\": 7, \"type\": \"dense\", \"inputs\": 784, \"outputs\": 32, \"activation\": \"relu\"}]", "layer 0 'name': expected a string, found 7")]
    [InlineData("[{\"name\": \"drop\", \"type\": \"dropout\", \"inputs\": 784, \"outputs\": 784, \"activation\": \"identity\", \"rate\": \"half\"}]", "layer 0 'rate': expected a number, found \"half\"")]
    public void ArchitectureWithAFieldMissingOrOfTheWrongKind(string architecture, string problem) =>
        AssertLoadFails(Variant((_, metadata) => metadata["hebb.architecture"] = architecture),
            "__metadata__.hebb.architecture", problem);

    [Fact]
    public void LayersThatDoNotChain() =>
        AssertLoadFails(Variant((_, metadata) => metadata["hebb.architecture"] = metadata["hebb.architecture"].Replace("\"inputs\":32", "\"inputs\":33")),
            "__metadata__.hebb.architecture layer 1 ('hidden2')", "expected 32 inputs and at least one output, found 33 => 16");

    [Fact]
    public void WrongFormatString() =>
        AssertLoadFails(Variant((_, metadata) => metadata["format"] = "pt"),
            "__metadata__.format", "expected 'hebb.sequential.v1', found 'pt'");

    [Fact]
    public void UnknownActivation() =>
        AssertLoadFails(Variant((_, metadata) => metadata["hebb.architecture"] = metadata["hebb.architecture"].Replace("\"relu\"", "\"swish\"")),
            "__metadata__.hebb.architecture layer 0 ('hidden1') activation", "unknown activation 'swish'");

    [Fact]
    public void MissingTensor() =>
        AssertLoadFails(Variant((tensors, _) => tensors.RemoveAll(entry => entry.Key == "outputs/biases")),
            "tensors", "no tensor 'outputs/biases'");

    [Fact]
    public void ExtraTensor() =>
        AssertLoadFails(Variant((tensors, _) => tensors.Add(new("hidden3/weights", Tensor.Zeros(2, 2)))),
            "tensors", "expected only the 6 tensors of the architecture's 3 layers, found 1 more: 'hidden3/weights'");

    [Fact]
    public void TwoLayersOfTheSameName()
    {
        // Square hidden layers, so that every shape fits and only the repeated name is wrong.
        var model = new Sequential(
            new Dense(Tensor.Ones(4, 4), Tensor.Zeros(4), Activation.Relu, "hidden1"),
            new Dense(Tensor.Ones(4, 4), Tensor.Zeros(4), Activation.Relu, "hidden2"),
            new Dense(Tensor.Ones(4, 2), Tensor.Zeros(2), null, "outputs"));
        var square = folder.PathOf("square.safetensors");
        ModelFile.Save(square, model, saved.Info);
        var path = folder.PathOf("variant.safetensors");
        ModelFileDamages.Rewrite(square, path, (_, metadata) =>
            metadata["hebb.architecture"] = metadata["hebb.architecture"].Replace("\"hidden2\"", "\"hidden1\""));

        AssertLoadFails(path, "__metadata__.hebb.architecture layer 1 ('hidden1')", "expected each layer name once");
    }

    [Theory]
    [InlineData(ModelFileDamage.CorruptHeader, "header", "expected JSON, found a syntax error")]
    [InlineData(ModelFileDamage.WrongChecksum, "__metadata__.hebb.sha256", "checksum mismatch: header says ")]
    [InlineData(ModelFileDamage.TruncatedBody, "data section", "header needs")]
    [InlineData(ModelFileDamage.ShapeThatDoesNotFit, "tensor 'hidden1/weights' shape", "expected [784, 32] from the architecture, found [32, 784]")]
    [InlineData(ModelFileDamage.NonFiniteWeight, "tensor 'hidden1/weights'", "expected finite numbers, found NaN at element 5")]
    public void DamagedFile(ModelFileDamage damage, string field, string problem)
    {
        var path = folder.PathOf("damaged.safetensors");
        damage.Write(saved.Path, path);

        AssertLoadFails(path, field, problem);
    }

    private static float[] Logits(Sequential model, Tensor inputs)
    {
        using var _ = Autograd.NoGradient();
        return model.Forward(inputs).Data;
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    private string Variant(Action<List<KeyValuePair<string, Tensor>>, Dictionary<string, string>> change)
    {
        var path = folder.PathOf("variant.safetensors");
        ModelFileDamages.Rewrite(saved.Path, path, change);
        return path;
    }

    [Fact]
    public void ArchitectureWithALoneSurrogateEscapeIsAFormatError() =>
        AssertLoadFails(Variant((_, metadata) => metadata["hebb.architecture"] = metadata["hebb.architecture"].Replace("\"hidden1\"", "\"\\ud800\"")),
            "__metadata__.hebb.architecture", "expected a JSON list of layers");

    [Fact]
    public void HistoryWithALoneSurrogateEscapeIsAFormatError()
    {
        var saved = ModelFile.Load(Variant((_, metadata) => metadata["hebb.history"] = "[{\"epoch\":\"\\ud800\"}]"));
        var error = Assert.Throws<InvalidFileException>(() => saved.History());
        Assert.Equal("__metadata__.hebb.history", error.Field);
    }

    private static void AssertLoadFails(string path, string field, string problem)
    {
        var error = Assert.Throws<InvalidFileException>(() => ModelFile.Load(path));
        Assert.Equal(path, error.FilePath);
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"{path}: {field}: ", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
