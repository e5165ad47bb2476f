using Hebb.Data;
using Hebb.Examples;
using Hebb.Graph;
using Hebb.Layers;
using Hebb.Tensors;
using Hebb.Training;

namespace Hebb.Tests.Graph;

/// <summary>
/// The note's program written with the graph API computes what <c>hebb train</c> computes: same seed, data,
/// epochs, batch size and learning rate give the same weights bit for bit — through the neuron_layer graph and
/// through the fully_connected one. <c>hebb train</c> is <see cref="Trainer"/> on <c>Mlp.Create(784, [300, 100], 10,
/// relu, seed)</c>, which is <see cref="Mlp.Note"/>; it trains the chain of dense layers with plain SGD fused into
/// the backward pass, and so does the graph's <c>Minimize</c> of that loss. 1,000 digits and 2 epochs (40 steps)
/// keep the test short; 1,000 is a multiple of 50, as 8,000 is.
/// </summary>
public sealed class NoteProgramIdentityTests
{
    private const int Epochs = 2;
    private const int BatchSize = 50;
    private static readonly ImageDataset Train = MnistData.LoadBuiltInSample().Train.Slice(0, 1000);

    [Fact]
    public void TheInitialiserDrawsTheWeightsOfMlpNote()
    {
        var note = NoteTensorFlow.Build();
        var session = new Session(note.Graph);
        note.Init.Run(session);

        AssertSameWeights(Mlp.Note(42), note, session, ["dnn/hidden1", "dnn/hidden2", "dnn/outputs"]);
    }

    [Fact]
    public void TheNeuronLayerGraphTrainsToHebbTrainsWeightsBitForBit()
    {
        var (note, session) = TrainGraph(fullyConnected: false);

        AssertSameWeights(TrainLikeHebbTrain(), note, session, ["dnn/hidden1", "dnn/hidden2", "dnn/outputs"]);
    }

    [Fact]
    public void TheFullyConnectedGraphTrainsToTheSameWeightsAsTheNeuronLayerGraph()
    {
        var (byHand, byHandSession) = TrainGraph(fullyConnected: false);
        var (ready, readySession) = TrainGraph(fullyConnected: true);

        string[] handScopes = ["dnn/hidden1", "dnn/hidden2", "dnn/outputs"], readyScopes = ["hidden1", "hidden2", "outputs"];
        for (int i = 0; i < handScopes.Length; i++)
            foreach (var parameter in new[] { "weights", "biases" })
                Assert.Equal(Bits(Value(byHand, byHandSession, $"{handScopes[i]}/{parameter}")), Bits(Value(ready, readySession, $"{readyScopes[i]}/{parameter}")));
        AssertSameWeights(TrainLikeHebbTrain(), ready, readySession, readyScopes);
    }

    [Fact]
    public void NextBatchDealsTheTrainersBatchesEpochAfterEpoch()
    {
        var data = new MnistDataSet(Train, seed: 42);
        var random = Trainer.ShuffleRandom(42);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            var sampler = new BatchSampler(Train.Count, BatchSize, random);
            sampler.StartEpoch();
            for (int batch = 0; batch < sampler.BatchCount; batch++)
            {
                var indices = sampler.Batch(batch);
                var expectedImages = new float[indices.Length * Train.FeatureCount];
                var expectedLabels = new int[indices.Length];
                Train.FillFeatures(indices, expectedImages);
                Train.FillLabels(indices, expectedLabels);

                var (images, labels) = data.NextBatch(BatchSize);

                Assert.Equal(expectedLabels, labels);
                Assert.Equal(expectedImages, images.Data);
            }
        }
    }

    [Fact]
    public void NextBatchAcrossTheEndOfAnEpochTakesTheRestThenStartsANewShuffle()
    {
        var seven = Train.Slice(0, 7);
        var data = new MnistDataSet(seven, seed: 3);
        var random = Trainer.ShuffleRandom(3);
        var epochOrders = new List<int>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            var sampler = new BatchSampler(seven.Count, seven.Count, random);
            sampler.StartEpoch();
            epochOrders.AddRange(sampler.Batch(0).ToArray());
        }
        int[] LabelsAt(IEnumerable<int> indices) => indices.Select(index => (int)seven.Labels[index]).ToArray();

        Assert.Equal(LabelsAt(epochOrders.Take(5)), data.NextBatch(5).Labels);
        Assert.Equal(LabelsAt(epochOrders.Skip(5).Take(5)), data.NextBatch(5).Labels);
    }

    private static (NoteTensorFlow.Construction Note, Session Session) TrainGraph(bool fullyConnected)
    {
        var note = NoteTensorFlow.Build(fullyConnected);
        var mnist = new MnistDataSet(Train, seed: 42);
        var session = new Session(note.Graph);
        note.Init.Run(session);
        for (int epoch = 0; epoch < Epochs; epoch++)
            for (int iteration = 0; iteration < mnist.NumExamples / BatchSize; iteration++)
            {
                var (images, labels) = mnist.NextBatch(BatchSize);
                session.Run(note.TrainingOp, new Feed { { note.X, images }, { note.Y, labels } });
            }
        return (note, session);
    }

    private static Sequential TrainLikeHebbTrain()
    {
        var model = Mlp.Note(42);
        new Trainer(model, new TrainingOptions { Epochs = Epochs, BatchSize = BatchSize, LearningRate = 0.01f, Seed = 42 }).Fit(Train, test: null);
        return model;
    }

    private static void AssertSameWeights(Sequential model, NoteTensorFlow.Construction note, Session session, string[] scopes)
    {
        for (int i = 0; i < scopes.Length; i++)
        {
            var dense = (Dense)model.Layers[i];
            Assert.Equal(Bits(dense.Weights), Bits(Value(note, session, $"{scopes[i]}/weights")));
            Assert.Equal(Bits(dense.Biases), Bits(Value(note, session, $"{scopes[i]}/biases")));
        }
    }

    private static Tensor Value(NoteTensorFlow.Construction note, Session session, string name) =>
        session.Run(note.Graph.GlobalVariables.Single(variable => variable.Name == name));

    private static int[] Bits(Tensor tensor) => tensor.Data.Select(BitConverter.SingleToInt32Bits).ToArray();
}
