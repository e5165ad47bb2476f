using System.Net;
using System.Text;
using System.Text.Json;

namespace Hebb.Tests.Serve;

/// <summary>Bad requests against the running server: each gets 400 or 413 with a JSON error naming the problem, and
/// the server goes on answering.</summary>
public sealed class BadRequestTests
{
    public static TheoryData<string, string> BadBodies() => new()
    {
        { "{\"instances\": [[1, 2", "malformed JSON" },
        { "not json", "malformed JSON" },
        { "[1, 2]", "expected a JSON object" },
        { "{}", "no field \"instances\"" },
        { "{\"inputs\": []}", "unknown field 'inputs'" },
        { "{\"instances\": 3}", "instances: expected an array of instances, found a number" },
        { "{\"instances\": []}", "instances: empty" },
        { "{\"instances\": [[0.5, 0.25]]}", "instances[0]: expected 784 numbers, found 2" },
        { "{\"instances\": [" + Row(784) + ", " + Row(785) + "]}", "instances[1]: expected 784 numbers, found more" },
        { "{\"instances\": [{\"pixels\": 1}]}", "instances[0]: expected an array of 784 numbers, found an object" },
        { "{\"instances\": [[\"NaN\"" + new string(',', 0) + "]]}", "instances[0][0]: expected a finite number, found a string" },
        { "{\"instances\": [[0, 1e39]]}", "instances[0][1]: 1e39 is not a finite float32 number" },
        { "{\"instances\": [[0, null]]}", "instances[0][1]: expected a finite number, found null" },
        { "{\"instances\": [" + Row(784) + "]} {}", "malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task IsRefusedWith400NamingTheProblemAndTheServerKeepsServing(string body, string expected)
    {
        await using var served = await ServedFolder.StartAsync();
        using var response = await served.PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, Error(await response.Content.ReadAsStringAsync()));
        Assert.Single(await ServedFolder.PredictionsAsync(await served.PostAsync(ServedFolder.Body(ServedFolder.Digits(1)))));
    }

    [Fact]
    public async Task ABodyOverMaxBodyIsRefusedWith413WithOrWithoutAContentLength()
    {
        await using var served = await ServedFolder.StartAsync(maxBody: 10_000);
        string body = ServedFolder.Body(ServedFolder.Digits(10));
        Assert.True(Encoding.UTF8.GetByteCount(body) > 10_000);

        using (var declared = await served.PostAsync(body))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
            Assert.Contains("--max-body allows 10000", Error(await declared.Content.ReadAsStringAsync()));
        }
        // Chunked: no Content-Length, so the server finds out while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/predict") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using (var streamed = await served.Client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
            Assert.Contains("--max-body allows 10000", Error(await streamed.Content.ReadAsStringAsync()));
        }
        Assert.Single(await ServedFolder.PredictionsAsync(await served.PostAsync(ServedFolder.Body(ServedFolder.Digits(1)))));
        Assert.Equal(2, PredictEndpointTests.Metric(await served.Client.GetStringAsync("metrics"), "hebb_predict_errors_total{status=\"413\"}"));
    }

    private static string Row(int values) => "[" + string.Join(",", Enumerable.Repeat("0.5", values)) + "]";

    private static string Error(string answer)
    {
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.GetProperty("error").GetString()!;
    }
}
