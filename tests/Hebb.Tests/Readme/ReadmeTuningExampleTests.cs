using Hebb.Activations;
using Hebb.Data;
using Hebb.Training;
using Hebb.Tuning;

namespace Hebb.Tests.Readme;

/// <summary>README.md's hyperparameter-search example, as written there but for one trial of one epoch on
/// the first 500 training digits.</summary>
public class ReadmeTuningExampleTests
{
    [Fact]
    public void TheSearchExampleRanksRetrainsAndTests()
    {
        var (allTrain, test, _) = MnistData.LoadBuiltInSample();
        var train = allTrain.Slice(0, 500);

        var search = new RandomSearch(
            new SearchSpace { Activations = [Activation.Relu] },
            new RandomSearchOptions { Trials = 1, EpochsPerTrial = 1, Seed = 42 });
        var lines = new List<string>();
        var ranking = search.Run(train, onTrial: result => lines.Add($"{result.Configuration}: {result.ValidationAccuracy:P1}"));
        var best = search.Train(ranking[0].Configuration, train, epochs: 1);
        double testAccuracy = Evaluation.Run(best.Model, test).Accuracy;

        Assert.Single(lines);
        Assert.All(ranking, result => Assert.Equal("relu", result.Configuration.HiddenActivation.Name));
        Assert.Equal(ranking[0].Configuration.CreateModel(seed: 42).ToString(), best.Model.ToString());
        Assert.Single(best.History);
        Assert.InRange(testAccuracy, 0.2, 1.0);
    }
}
