using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hebb.Cli.Serve;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Serialization;
using Hebb.Tests.Support;

namespace Hebb.Tests.Serve;

/// <summary>A model file of the note's network (untrained, seeded) in a folder of its own, served in-process by
/// <c>hebb serve</c>'s server on a free loopback port, with a client and the test digits to send it.</summary>
internal sealed class ServedFolder : IAsyncDisposable
{
    private readonly TemporaryFolder folder;

    private ServedFolder(PredictionServer server, StringWriter log, TemporaryFolder folder)
    {
        Server = server;
        Log = log;
        this.folder = folder;
        Client = new HttpClient { BaseAddress = server.Url };
    }

    public PredictionServer Server { get; }
    public HttpClient Client { get; }

    /// <summary>What the server logged (reloads, refusals).</summary>
    public StringWriter Log { get; }

    /// <summary>The file served.</summary>
    public string ModelPath => folder.PathOf("model.safetensors");

    /// <summary>Another file in the model's folder.</summary>
    public string PathOf(string name) => folder.PathOf(name);

    /// <summary>The first test digits of the built-in sample, as the rows a request sends.</summary>
    public static float[][] Digits(int count)
    {
        var test = MnistData.LoadBuiltInSample().Test;
        var features = test.Features(0, count).Data;
        return [.. Enumerable.Range(0, count).Select(i => features.AsSpan(i * test.FeatureCount, test.FeatureCount).ToArray())];
    }

    public static async Task<ServedFolder> StartAsync(int maxBatch = 256, int maxDelayMicroseconds = 500, long maxBody = ServeOptions.DefaultMaxBody,
        bool watch = false, ulong seed = 42)
    {
        var folder = new TemporaryFolder();
        string path = folder.PathOf("model.safetensors");
        ModelFile.Save(path, Mlp.Note(seed));
        var log = new StringWriter();
        var server = await PredictionServer.StartAsync(
            new ServeOptions(path, "127.0.0.1", 0, maxBatch, TimeSpan.FromMicroseconds(maxDelayMicroseconds), maxBody, watch), TextWriter.Synchronized(log));
        return new ServedFolder(server, log, folder);
    }

    /// <summary>POSTs <paramref name="body"/> to /v1/predict.</summary>
    public Task<HttpResponseMessage> PostAsync(string body) =>
        Client.PostAsync("v1/predict", new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")));

    /// <summary>The body of a request for <paramref name="rows"/>, numbers written round-trip.</summary>
    public static string Body(params float[][] rows) =>
        "{\"instances\": [" + string.Join(", ", rows.Select(row => "[" + string.Join(",", row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]")) + "]}";

    /// <summary>The predictions of an answer: each row's class and probabilities.</summary>
    public static async Task<(int Class, float Probability, float[] Probabilities)[]> PredictionsAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var document = JsonDocument.Parse(text);
        return [.. document.RootElement.GetProperty("predictions").EnumerateArray().Select(prediction => (
            prediction.GetProperty("class").GetInt32(),
            prediction.GetProperty("probability").GetSingle(),
            prediction.GetProperty("probabilities").EnumerateArray().Select(p => p.GetSingle()).ToArray()))];
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        folder.Dispose();
    }
}
