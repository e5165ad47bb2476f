using System.Globalization;
using System.Text.Json;
using Hebb.Layers;

namespace Hebb.Tests.Serve;

/// <summary><c>POST /v1/predict</c> against the running server: the answers are the predictor's, alone and in batches
/// gathered from concurrent requests.</summary>
public sealed class PredictEndpointTests
{
    [Fact]
    public async Task OneRequestGetsThePredictorsClassAndProbabilitiesBitForBit()
    {
        await using var served = await ServedFolder.StartAsync();
        var digits = ServedFolder.Digits(3);
        var predictions = await ServedFolder.PredictionsAsync(await served.PostAsync(ServedFolder.Body(digits)));

        var predictor = Mlp.Note().CreatePredictor();
        Assert.Equal(3, predictions.Length);
        for (int i = 0; i < digits.Length; i++)
        {
            var probabilities = new float[10];
            int expected = predictor.Predict(digits[i], probabilities);
            Assert.Equal(expected, predictions[i].Class);
            Assert.Equal(predictions[i].Probabilities[expected], predictions[i].Probability);
            // Three rows in one pass take the batch kernel, one row the matrix-vector one: equal up to rounding.
            for (int c = 0; c < 10; c++) Assert.Equal(probabilities[c], predictions[i].Probabilities[c], 1e-6f);
        }

        var single = await ServedFolder.PredictionsAsync(await served.PostAsync(ServedFolder.Body(digits[0])));
        var alone = new float[10];
        Assert.Equal(predictor.Predict(digits[0], alone), single[0].Class);
        Assert.Equal(alone, single[0].Probabilities);
    }

    [Fact]
    public async Task RowsInAnyJsonSpellingGetTheSameAnswersBitForBit()
    {
        await using var served = await ServedFolder.StartAsync();
        var digits = ServedFolder.Digits(2);
        // Numbers the quick reader parses itself (a sign, exponents, -0), written three ways: compact
        // and spaced out, both read by PlainRowsReader, and with the field's name escaped, which only InstanceReader reads.
        string[][] rows = [.. digits.Select(digit => digit.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray())];
        rows[0][0] = "-0.0";
        rows[0][1] = "1E+0";
        rows[0][2] = "0.5e-0";
        rows[1][3] = "2.5e3";
        rows[1][4] = "-1.25";
        string compact = "{\"instances\":[" + string.Join(",", rows.Select(row => "[" + string.Join(",", row) + "]")) + "]}";
        string spaced = "\r\n{ \"instances\" :\t[\n" + string.Join(" ,\n", rows.Select(row => "[ " + string.Join(" , ", row) + " ]")) + "\n] }\n";
        string escaped = compact.Replace("\"instances\"", "\"\\u0069nstances\"");

        var answers = new List<(int Class, float Probability, float[] Probabilities)[]>();
        foreach (string body in new[] { compact, spaced, escaped })
            answers.Add(await ServedFolder.PredictionsAsync(await served.PostAsync(body)));

        var predictor = Mlp.Note().CreatePredictor();
        var expected = rows.SelectMany(row => row.Select(v => float.Parse(v, CultureInfo.InvariantCulture))).ToArray();
        var probabilities = new float[20];
        predictor.Probabilities(expected, probabilities);
        foreach (var answer in answers)
            for (int i = 0; i < 2; i++)
            {
                Assert.Equal(answers[2][i].Class, answer[i].Class);
                Assert.Equal(answers[2][i].Probabilities, answer[i].Probabilities);
                Assert.Equal(probabilities.AsSpan(i * 10, 10).ToArray(), answer[i].Probabilities);
            }
    }

    [Fact]
    public async Task ConcurrentRequestsAreBatchedAndEachGetsItsOwnAnswer()
    {
        // A long delay, so that the requests still arriving join the batch on this busy machine.
        await using var served = await ServedFolder.StartAsync(maxBatch: 64, maxDelayMicroseconds: 20_000);
        var digits = ServedFolder.Digits(96);
        var predictor = Mlp.Note().CreatePredictor();

        var answers = await Task.WhenAll(digits.Select(async digit =>
            (await ServedFolder.PredictionsAsync(await served.PostAsync(ServedFolder.Body(digit))))[0]));

        for (int i = 0; i < digits.Length; i++)
        {
            var probabilities = new float[10];
            Assert.Equal(predictor.Predict(digits[i], probabilities), answers[i].Class);
            for (int c = 0; c < 10; c++) Assert.Equal(probabilities[c], answers[i].Probabilities[c], 1e-6f);
        }
        var metrics = await served.Client.GetStringAsync("metrics");
        long batches = Metric(metrics, "hebb_batch_rows_count");
        Assert.Equal(96, Metric(metrics, "hebb_batch_rows_sum"));
        Assert.InRange(batches, 2, 95);   // at least one batch held several requests
        Assert.Equal(batches, Metric(metrics, "hebb_batch_rows_bucket{le=\"64\"}"));
        Assert.Equal(96, Metric(metrics, "hebb_predict_requests_total"));
        Assert.Equal(96, Metric(metrics, "hebb_predict_instances_total"));
    }

    [Fact]
    public async Task ModelHealthAndMetricsEndpointsDescribeTheServer()
    {
        await using var served = await ServedFolder.StartAsync();
        using var model = JsonDocument.Parse(await served.Client.GetStringAsync("v1/model"));
        var root = model.RootElement;
        Assert.Equal("model.safetensors", root.GetProperty("file").GetString());
        Assert.Equal(266_610, root.GetProperty("parameters").GetInt64());
        Assert.Equal(["hidden1", "hidden2", "outputs"], root.GetProperty("architecture").EnumerateArray().Select(layer => layer.GetProperty("name").GetString()!));
        Assert.Equal(784, root.GetProperty("input").GetProperty("shape")[0].GetInt32());
        Assert.Equal(28, root.GetProperty("input").GetProperty("image").GetProperty("height").GetInt32());
        Assert.Equal(10, root.GetProperty("output").GetProperty("classes").GetInt32());

        Assert.Equal("ok\n", await served.Client.GetStringAsync("healthz"));

        await ServedFolder.PredictionsAsync(await served.PostAsync(ServedFolder.Body(ServedFolder.Digits(2))));
        (await served.PostAsync("{")).Dispose();
        var metrics = await served.Client.GetStringAsync("metrics");
        Assert.Contains("# TYPE hebb_predict_latency_seconds histogram", metrics);
        Assert.Equal(2, Metric(metrics, "hebb_predict_requests_total"));
        Assert.Equal(1, Metric(metrics, "hebb_predict_errors_total{status=\"400\"}"));
        Assert.Equal(2, Metric(metrics, "hebb_predict_latency_seconds_count"));
        Assert.Equal(1, Metric(metrics, "hebb_batch_rows_count"));
        Assert.Equal(2, Metric(metrics, "hebb_batch_rows_sum"));
    }

    /// <summary>The value of the sample line <paramref name="name"/> of a Prometheus text.</summary>
    internal static long Metric(string text, string name)
    {
        var line = text.Split('\n').Single(line => line.StartsWith(name + " ", StringComparison.Ordinal));
        return (long)double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
