using System.Buffers;
using System.Text.Json;

namespace Hebb.Cli.Serve;

/// <summary>Writes the answer of <c>POST /v1/predict</c>, <c>{"predictions": [{"class": 7, "probability": 0.98,
/// "probabilities": [...]}, ...]}</c>, straight into Kestrel's response buffers, with one JSON writer per thread
/// reused from request to request.</summary>
internal static class PredictionWriter
{
    // The error messages quote the body's field names; they read better as \" than as \u0022.
    private static readonly JsonWriterOptions ErrorOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic] private static Utf8JsonWriter? threadWriter;

    public static void Write(IBufferWriter<byte> output, PendingRequest request)
    {
        var writer = threadWriter ??= new Utf8JsonWriter(output);
        writer.Reset(output);
        int classes = request.Model.OutputWidth;
        writer.WriteStartObject();
        writer.WriteStartArray("predictions"u8);
        for (int row = 0; row < request.Rows; row++)
        {
            var probabilities = request.Probabilities.AsSpan(row * classes, classes);
            int predicted = request.Classes[row];
            writer.WriteStartObject();
            writer.WriteNumber("class"u8, predicted);
            writer.WriteNumber("probability"u8, probabilities[predicted]);
            writer.WriteStartArray("probabilities"u8);
            foreach (float probability in probabilities) writer.WriteNumberValue(probability);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>The answer to a refused request: <c>{"error": "..."}</c>.</summary>
    public static void WriteError(IBufferWriter<byte> output, string message)
    {
        using var writer = new Utf8JsonWriter(output, ErrorOptions);
        writer.WriteStartObject();
        writer.WriteString("error"u8, message);
        writer.WriteEndObject();
    }
}
