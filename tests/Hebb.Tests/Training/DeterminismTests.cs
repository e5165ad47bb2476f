using Hebb.Tests.Support;
using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Serialization;
using Hebb.Tensors.Kernels;
using Hebb.Tests.Serialization;
using Hebb.Training;

namespace Hebb.Tests.Training;

/// <summary>
/// Same seed, data and settings give the same weights bit for bit, whatever the thread count: the matrix products,
/// the only parallel kernels, split the rows of the result between threads, and each element is summed by one
/// thread in the same order (see GemmDriver).
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class DeterminismTests : IDisposable
{
    // 1,000 digits and a hidden layer wide enough that a batch's products (50·784·64 multiply-adds) are split between threads.
    private static readonly ImageDataset Train = MnistData.LoadBuiltInSample().Train.Slice(0, 1000);

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void SameSeedDataAndThreadsGiveTheSameWeights()
    {
        var first = TrainAndSave("first", seed: 11, threads: 2);
        var second = TrainAndSave("second", seed: 11, threads: 2);

        AssertSameWeights(first, second);
    }

    [Fact]
    public void OneThreadAndTwoThreadsGiveTheSameWeights()
    {
        var single = TrainAndSave("single", seed: 11, threads: 1);
        var dual = TrainAndSave("dual", seed: 11, threads: 2);

        AssertSameWeights(single, dual);
    }

    [Fact]
    public void AnotherSeedGivesOtherWeights()
    {
        var first = TrainAndSave("first", seed: 11, threads: 2);
        var other = TrainAndSave("other", seed: 12, threads: 2);

        Assert.NotEqual(SafeTensorsBytes.DataSectionOf(File.ReadAllBytes(first)), SafeTensorsBytes.DataSectionOf(File.ReadAllBytes(other)));
        Assert.NotEqual(ModelFile.Load(first).Metadata["hebb.sha256"], ModelFile.Load(other).Metadata["hebb.sha256"]);
    }

    private string TrainAndSave(string name, ulong seed, int threads)
    {
        int previous = Parallelism.ThreadCount;
        Parallelism.ThreadCount = threads;
        try
        {
            var options = new TrainingOptions { Epochs = 1, Seed = seed };
            var model = Mlp.Create(Train.FeatureCount, [64], 10, Activation.Relu, seed);
            var trainer = new Trainer(model, options);
            trainer.Fit(Train, test: null);
            var path = folder.PathOf($"{name}.safetensors");
            ModelFile.Save(path, model, new ModelInfo(options, trainer.History, "determinism test", threads));
            return path;
        }
        finally
        {
            Parallelism.ThreadCount = previous;
        }
    }

    private static void AssertSameWeights(string firstPath, string secondPath)
    {
        var first = ModelFile.Load(firstPath);
        var second = ModelFile.Load(secondPath);
        var secondParameters = second.Model.Parameters.ToDictionary(p => p.Name);
        foreach (var parameter in first.Model.Parameters)
            Assert.Equal(Bits(parameter.Value.Data), Bits(secondParameters[parameter.Name].Value.Data));
        Assert.Equal(SafeTensorsBytes.DataSectionOf(File.ReadAllBytes(firstPath)), SafeTensorsBytes.DataSectionOf(File.ReadAllBytes(secondPath)));
        Assert.Equal(first.Metadata["hebb.sha256"], second.Metadata["hebb.sha256"]);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
