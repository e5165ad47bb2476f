using System.Buffers;
using System.Text.Json;

namespace Hebb.Cli.Serve;

/// <summary>Writes the answer of <c>POST /v1/predict</c>, <c>{"predictions": [{"class": 7, "probability": 0.98,
/// "probabilities": [...]}, ...]}</c> (a table classifier's class by its name, <c>"class": "setosa"</c>; a regression
/// model's <c>{"value": 151.3}</c> in the target's units), straight into Kestrel's response buffers, with one JSON writer
/// per thread reused from request to request.</summary>
internal static class PredictionWriter
{
    // The error messages quote the body's field names; they read better as \" than as \u0022.
    private static readonly JsonWriterOptions ErrorOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic] private static Utf8JsonWriter? threadWriter;

    public static void Write(IBufferWriter<byte> output, PendingRequest request)
    {
        var writer = threadWriter ??= new Utf8JsonWriter(output);
        writer.Reset(output);
        var model = request.Model;
        int outputs = model.OutputWidth;
        writer.WriteStartObject();
        writer.WriteStartArray("predictions"u8);
        for (int row = 0; row < request.Rows; row++)
        {
            var values = request.Outputs.AsSpan(row * outputs, outputs);
            writer.WriteStartObject();
            if (model.Regression) writer.WriteNumber("value"u8, model.Table!.Target.Mean + model.Table.Target.Scale * values[0]);
            else WriteClasses(writer, model, request.Classes[row], values);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteClasses(Utf8JsonWriter writer, ServedModel model, int predicted, ReadOnlySpan<float> probabilities)
    {
        if (model.Table is { } table) writer.WriteString("class"u8, table.Target.Classes[predicted]);
        else writer.WriteNumber("class"u8, predicted);
        writer.WriteNumber("probability"u8, probabilities[predicted]);
        writer.WriteStartArray("probabilities"u8);
        foreach (float probability in probabilities) writer.WriteNumberValue(probability);
        writer.WriteEndArray();
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
