using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hebb.Cli.Serve;
using Hebb.Tests.Cli;
using Hebb.Tests.Data.Tables;

namespace Hebb.Tests.Serve;

/// <summary><c>hebb serve</c> with models trained on a table (<see cref="CsvFiles.LabelledTable"/>) by <c>hebb train</c>:
/// instances are objects keyed by column name, encoded with the saved preprocessing, and the answers are those of
/// <c>hebb predict --input</c> on the same rows: class names for a classifier, values in the target's units for a
/// regression.</summary>
public sealed class TableModelTests(TableModels models) : IClassFixture<TableModels>
{
    private readonly string test = models.Test;

    private static async Task<PredictionServer> Serve(string model) => await PredictionServer.StartAsync(
        new ServeOptions(model, "127.0.0.1", 0, 256, TimeSpan.FromMicroseconds(500), ServeOptions.DefaultMaxBody, Watch: false), TextWriter.Null);

    private static async Task<(HttpStatusCode Status, JsonElement Answer)> PostAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("v1/predict", new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>The test file's rows as instances, their keys in another order than the file's, the target left out.</summary>
    private string Instances(params string[] columns)
    {
        var lines = File.ReadAllLines(test);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            return "{" + string.Join(", ", columns.Reverse().Select(column =>
            {
                string cell = cells[Array.IndexOf(header, column)];
                return $"\"{column}\": " + (column == "colour" ? $"\"{cell}\"" : cell);
            })) + "}";
        });
        return "{\"instances\": [" + string.Join(", ", rows) + "]}";
    }

    [Fact]
    public async Task AClassifierAnswersClassNamesAndTheProbabilitiesHebbPredictGives()
    {
        string model = models.Classifier;
        var predict = CliRun.Of("predict", "--model", model, "--input", test, "--json");
        predict.AssertSucceeded();
        var expected = predict.JsonLines();

        await using var server = await Serve(model);
        using var client = new HttpClient { BaseAddress = server.Url };
        var (status, answer) = await PostAsync(client, Instances("x", "y", "colour"));

        Assert.Equal(HttpStatusCode.OK, status);
        var predictions = answer.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(12, predictions.Length);
        for (int i = 0; i < predictions.Length; i++)
        {
            Assert.Equal(expected[i].GetProperty("predicted").GetString(), predictions[i].GetProperty("class").GetString());
            Assert.Equal(expected[i].GetProperty("probability").GetDouble(), predictions[i].GetProperty("probability").GetDouble(), 1e-6);
            var probabilities = predictions[i].GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToArray();
            Assert.Equal(2, probabilities.Length);
            Assert.Equal(1, probabilities.Sum(), 1e-6);
        }

        using var description = JsonDocument.Parse(await client.GetStringAsync("v1/model"));
        var input = description.RootElement.GetProperty("input");
        Assert.Equal(["x", "y", "colour"], input.GetProperty("columns").EnumerateArray().Select(column => column.GetProperty("name").GetString()!));
        Assert.Equal(["blue", "red"], input.GetProperty("columns")[2].GetProperty("categories").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal(JsonValueKind.Null, input.GetProperty("image").ValueKind);
        var output = description.RootElement.GetProperty("output");
        Assert.Equal(("classification", "label"), (output.GetProperty("task").GetString(), output.GetProperty("target").GetString()));
        Assert.Equal(["down", "up"], output.GetProperty("names").EnumerateArray().Select(name => name.GetString()!));
    }

    [Fact]
    public async Task ARegressionAnswersValuesInTheTargetsUnitsAsHebbPredictDoes()
    {
        string model = models.Regression;
        var predict = CliRun.Of("predict", "--model", model, "--input", test, "--json");
        predict.AssertSucceeded();
        var expected = predict.JsonLines().Select(line => double.Parse(line.GetProperty("predicted").GetString()!, CultureInfo.InvariantCulture)).ToArray();

        await using var server = await Serve(model);
        using var client = new HttpClient { BaseAddress = server.Url };
        var (status, answer) = await PostAsync(client, Instances("x", "y"));

        Assert.Equal(HttpStatusCode.OK, status);
        var values = answer.GetProperty("predictions").EnumerateArray().Select(prediction => prediction.GetProperty("value").GetDouble()).ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++) Assert.Equal(expected[i], values[i], 1e-5 * Math.Max(1, Math.Abs(expected[i])));
        // Values in the target's units (3x - 2y spans about -5 to 5), not the standardized outputs the network gives.
        Assert.True(values.Max() - values.Min() > 3, string.Join(", ", values));
        Assert.False(answer.GetProperty("predictions")[0].TryGetProperty("probabilities", out _));
    }

    [BrowserFact]
    public async Task ThePagesFormGetsTheClassAndTheValueHebbPredictGivesTheFirstTestRow()
    {
        var cells = File.ReadAllLines(test)[1].Split(',');
        string row = $$"""{"x": {{cells[0]}}, "y": {{cells[1]}}, "colour": "{{cells[2]}}"}""";
        foreach (var (model, regression) in new[] { (models.Classifier, false), (models.Regression, true) })
        {
            var predict = CliRun.Of("predict", "--model", model, "--input", test, "--json");
            predict.AssertSucceeded();
            string expected = predict.JsonLines()[0].GetProperty("predicted").GetString()!;
            await using var server = await Serve(model);

            using var shown = JsonDocument.Parse(Browser.FillTable(server.Url, row));
            var page = shown.RootElement;

            Assert.Equal("", page.GetProperty("error").GetString());
            if (regression)
            {
                Assert.Equal(["x", "y"], page.GetProperty("fields").EnumerateArray().Select(field => field.GetString()!));
                Assert.Equal(double.Parse(expected, CultureInfo.InvariantCulture), double.Parse(page.GetProperty("value").GetString()!, CultureInfo.InvariantCulture), 1e-5);
                Assert.StartsWith("amount: ", page.GetProperty("text").GetString());
                continue;
            }
            Assert.Equal(["x", "y", "colour"], page.GetProperty("fields").EnumerateArray().Select(field => field.GetString()!));
            Assert.Equal(["down", "up"], page.GetProperty("bars").EnumerateArray().Select(bar => bar.GetString()!));
            Assert.Equal(expected, page.GetProperty("class").GetString());
            Assert.Equal(expected, page.GetProperty("best").GetString());
        }
    }

    [Theory]
    [InlineData("""{"instances": [[0.1, 0.2]]}""", "instances[0]: expected an object keyed by column name (x, y, colour), found an array")]
    [InlineData("""{"instances": [{"x": 0.1, "y": 0.2, "colour": "red", "size": 3}]}""", "instances[0]: unknown column 'size'; the model's columns are x, y, colour")]
    [InlineData("""{"instances": [{"x": 0.1, "colour": "red"}]}""", "instances[0]: no value for column 'y'")]
    [InlineData("""{"instances": [{"x": 0.1, "y": null, "colour": "red"}]}""", "instances[0]: no value for column 'y'")]
    [InlineData("""{"instances": [{"x": "wide", "y": 0.2, "colour": "red"}]}""", "instances[0]: column 'x': expected a number, found 'wide'")]
    [InlineData("""{"instances": [{"x": 0.1, "y": 0.2, "colour": "green"}]}""", "instances[0]: column 'colour': expected one of the categories seen in training (blue, red), found 'green'")]
    [InlineData("""{"instances": [{"x": 0.1, "x": 0.2, "y": 0.2, "colour": "red"}]}""", "instances[0]: column 'x' is given twice")]
    [InlineData("""{"instances": [{"x": 1e99, "y": 0.2, "colour": "red"}]}""", "instances[0].x: 1e99 is not a finite float32 number")]
    [InlineData("""{"instances": [{"x": [1], "y": 0.2, "colour": "red"}]}""", "instances[0].x: expected a number, a string or null, found an array")]
    public async Task ABadInstanceIsRefusedNamingItsColumnAndTheServerGoesOn(string body, string message)
    {
        await using var server = await Serve(models.Classifier);
        using var client = new HttpClient { BaseAddress = server.Url };

        var (status, answer) = await PostAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(message, answer.GetProperty("error").GetString());
        var (after, _) = await PostAsync(client, """{"instances": [{"x": 0.1, "y": "0.2", "colour": "red"}]}""");
        Assert.Equal(HttpStatusCode.OK, after);
    }
}

/// <summary>A classifier of <c>label</c> and a regression of <c>amount</c>, each trained once by <c>hebb train</c> on the same
/// table, with a test table of 12 rows.</summary>
public sealed class TableModels : IDisposable
{
    private readonly CsvFiles files = new();

    public TableModels()
    {
        string train = files.LabelledTable("train.csv", 200, 1);
        Test = files.LabelledTable("test.csv", 12, 2);
        Classifier = Trained(train, "classes.safetensors", "--target", "label", "--ignore", "amount");
        Regression = Trained(train, "amount.safetensors", "--target", "amount", "--columns", "x,y");
    }

    public string Test { get; }
    public string Classifier { get; }
    public string Regression { get; }

    private string Trained(string train, string name, params string[] options)
    {
        string path = Path.Combine(files.Folder, name);
        CliRun.Of(["train", "--data", train, "--output", path, "--epochs", "30", .. options]).AssertSucceeded();
        return path;
    }

    public void Dispose() => files.Dispose();
}
