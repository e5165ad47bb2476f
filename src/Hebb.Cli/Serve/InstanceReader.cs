using System.Text.Json;
using Hebb.Data.Tables;

namespace Hebb.Cli.Serve;

/// <summary>
/// Reads the body of <c>POST /v1/predict</c>, <c>{"instances": [[...], ...]}</c> in TensorFlow Serving's shape, with
/// <see cref="Utf8JsonReader"/> over the body's bytes in one span, each number straight into the request's
/// pooled input rows: no document, no strings, no intermediate arrays. A table model's instances are objects keyed by
/// column name (<c>{"alcohol": 13.2, "colour": "red"}</c>), its cells encoded with the preprocessing saved in the model,
/// as <c>hebb predict --input</c> encodes a CSV row. Anything else is a <see cref="RequestException"/> (400) naming where
/// the body went wrong. The common body, rows of numbers, is first tried by the quicker <see cref="PlainRowsReader"/>.
/// </summary>
internal static class InstanceReader
{
    public static void Read(ReadOnlySpan<byte> body, PendingRequest request)
    {
        if (request.Model.Table is null && PlainRowsReader.TryRead(body, request)) return;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 4 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw Bad("expected a JSON object {\"instances\": [[...], ...]}");
            bool found = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("instances"u8))
                    throw Bad($"unknown field '{reader.GetString()}'; expected only \"instances\"");
                ReadInstances(ref reader, request);
                found = true;
            }
            if (!found) throw Bad("no field \"instances\"; expected {\"instances\": [[...], ...]}");
            // A second value after the object is malformed JSON: the reader throws on it.
            reader.Read();
        }
        catch (JsonException error)
        {
            throw Bad($"malformed JSON: {error.Message}");
        }
    }

    private static void ReadInstances(ref Utf8JsonReader reader, PendingRequest request)
    {
        int width = request.Model.InputWidth;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            throw Bad($"instances: expected an array of instances, found {Describe(reader.TokenType)}");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int row = request.Rows;
            if (request.Model.Table is { } table)
            {
                ReadTableRow(ref reader, request, table, row);
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartArray)
                throw Bad($"instances[{row}]: expected an array of {width} numbers, found {Describe(reader.TokenType)}");
            var values = request.AddRow();
            int count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number)
                    throw Bad($"instances[{row}][{count}]: expected a finite number, found {Describe(reader.TokenType)}");
                if (count == width) throw Bad($"instances[{row}]: expected {width} numbers, found more");
                if (!reader.TryGetSingle(out float value) || !float.IsFinite(value))
                    throw Bad($"instances[{row}][{count}]: {Raw(ref reader)} is not a finite float32 number");
                values[count++] = value;
            }
            if (count != width) throw Bad($"instances[{row}]: expected {width} numbers, found {count}");
        }
        if (request.Rows == 0) throw Bad("instances: empty; expected at least one instance");
    }

    /// <summary>One instance of a table model: an object of the model's feature columns, each a number, a string or null
    /// (missing), into the request's next input row.</summary>
    private static void ReadTableRow(ref Utf8JsonReader reader, PendingRequest request, TableSchema table, int row)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Bad($"instances[{row}]: expected an object keyed by column name ({Columns(table)}), found {Describe(reader.TokenType)}");
        var cells = request.Cells;
        cells.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            if (!request.Model.Columns.Contains(name))
                throw Bad($"instances[{row}]: unknown column '{name}'; the model's columns are {Columns(table)}");
            reader.Read();
            // Null is a missing cell, which an empty one stands for (MissingValues); a number keeps its text, so that a
            // text column's category "3" and a numeric column's 3 are read as a CSV file gives them.
            string cell = reader.TokenType switch
            {
                JsonTokenType.Number when reader.TryGetSingle(out float value) && float.IsFinite(value) => Raw(ref reader),
                JsonTokenType.Number => throw Bad($"instances[{row}].{name}: {Raw(ref reader)} is not a finite float32 number"),
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.Null => "",
                _ => throw Bad($"instances[{row}].{name}: expected a number, a string or null, found {Describe(reader.TokenType)}"),
            };
            if (!cells.TryAdd(name, cell)) throw Bad($"instances[{row}]: column '{name}' is given twice");
        }
        foreach (var feature in table.Features)
            if (feature.Fill is null && (!cells.TryGetValue(feature.Name, out var cell) || MissingValues.IsMissing(cell)))
                throw Bad($"instances[{row}]: no value for column '{feature.Name}'; the model takes {Columns(table)}, and was trained to refuse missing values");
        try { table.Encode(cells, request.AddRow()); }
        catch (ArgumentException error) { throw Bad($"instances[{row}]: {error.Message}"); }
    }

    private static string Columns(TableSchema table) => string.Join(", ", table.Features.Select(feature => feature.Name));

    private static string Raw(ref Utf8JsonReader reader) => System.Text.Encoding.UTF8.GetString(reader.ValueSpan);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "the end of the body",
    };

    private static RequestException Bad(string message) => RequestException.BadRequest(message);
}
