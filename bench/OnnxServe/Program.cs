using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

// What a server written in an afternoon does: POST /v1/predict with hebb serve's body and answer, each request's
// instances parsed with JsonDocument and run through one InferenceSession.Run of its own, no batching across
// requests. The session has one intra-op thread, so that concurrent requests run side by side on Kestrel's threads.
// Usage: OnnxServe MODEL.onnx PORT (the model exported with 'hebb export --onnx FILE --probabilities').
if (args.Length != 2 || !int.TryParse(args[1], out int port))
{
    Console.Error.WriteLine("usage: OnnxServe MODEL.onnx PORT");
    return 2;
}

using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
using var session = new InferenceSession(args[0], options);
string input = session.InputNames[0];
int features = (int)session.InputMetadata[input].Dimensions[1];
string[] outputs = ["probabilities"];

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port));
var app = builder.Build();
app.MapPost("/v1/predict", async (HttpContext http) =>
{
    using var body = await JsonDocument.ParseAsync(http.Request.Body);
    var instances = body.RootElement.GetProperty("instances");
    int rows = instances.GetArrayLength();
    var values = new float[rows * features];
    int i = 0;
    foreach (var row in instances.EnumerateArray())
        foreach (var value in row.EnumerateArray()) values[i++] = value.GetSingle();

    using var tensor = OrtValue.CreateTensorValueFromMemory(values, [rows, features]);
    using var results = session.Run(new RunOptions(), [input], [tensor], outputs);
    var probabilities = results[0].GetTensorDataAsSpan<float>();
    int classes = probabilities.Length / rows;
    var predictions = new object[rows];
    for (int r = 0; r < rows; r++)
    {
        var p = probabilities.Slice(r * classes, classes).ToArray();
        int best = Array.IndexOf(p, p.Max());
        predictions[r] = new { @class = best, probability = p[best], probabilities = p };
    }
    await http.Response.WriteAsJsonAsync(new { predictions });
});
app.Run();
return 0;
