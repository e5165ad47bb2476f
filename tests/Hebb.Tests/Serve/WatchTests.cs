using Hebb.Layers;
using Hebb.Serialization;

namespace Hebb.Tests.Serve;

/// <summary><c>--watch</c> against the running server: a model file replaced as <c>hebb train</c> replaces it (an
/// atomic rename) is swapped in; a bad one is refused and logged while the old model keeps serving.</summary>
public sealed class WatchTests
{
    [Fact]
    public async Task AReplacedFileIsServedAndABadOneIsRefused()
    {
        await using var served = await ServedFolder.StartAsync(watch: true, seed: 42);
        var digit = ServedFolder.Digits(1);
        var before = await ServedFolder.PredictionsAsync(await served.PostAsync(ServedFolder.Body(digit)));
        Assert.Equal(Probabilities(Mlp.Note(42), digit[0]), before[0].Probabilities);

        ModelFile.Save(served.ModelPath, Mlp.Note(7));   // through AtomicFile: a temporary name, then a rename
        var expected = Probabilities(Mlp.Note(7), digit[0]);
        await Eventually(async () => (await ServedFolder.PredictionsAsync(await served.PostAsync(ServedFolder.Body(digit))))[0].Probabilities.SequenceEqual(expected));
        Assert.Contains("reloaded", served.Log.ToString());

        string broken = served.PathOf("broken.tmp");
        File.WriteAllBytes(broken, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        File.Move(broken, served.ModelPath, overwrite: true);
        await Eventually(() => Task.FromResult(served.Log.ToString().Contains("refused the new")));
        Assert.Contains("the previous model keeps serving", served.Log.ToString());
        Assert.Equal(expected, (await ServedFolder.PredictionsAsync(await served.PostAsync(ServedFolder.Body(digit))))[0].Probabilities);

        var metrics = await served.Client.GetStringAsync("metrics");
        Assert.True(PredictEndpointTests.Metric(metrics, "hebb_model_reloads_total") >= 1);
        Assert.True(PredictEndpointTests.Metric(metrics, "hebb_model_reloads_refused_total") >= 1);
    }

    private static float[] Probabilities(Sequential model, float[] digit)
    {
        var probabilities = new float[10];
        model.CreatePredictor().Predict(digit, probabilities);
        return probabilities;
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the server did not pick up the replaced file within 20 s");
            await Task.Delay(50);
        }
    }
}
