using System.Collections;
using System.Text;
using System.Text.Json;

namespace Hebb.Cli.Output;

/// <summary>
/// One JSON object per line, as JSON Lines readers expect. Written with <see cref="Utf8JsonWriter"/> rather
/// than the serializer: the commands print only dictionaries, lists, strings and numbers, and the
/// serializer's start-up would cost a one-shot command such as <c>hebb predict --json</c> a fifth of its run.
/// </summary>
internal static class Json
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Model paths and metadata are shown as written, not with every quote escaped as \u0022.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Line(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options)) Write(writer, value);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int number: writer.WriteNumberValue(number); break;
            case uint number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case ulong number: writer.WriteNumberValue(number); break;
            case float number: WriteReal(writer, number, float.IsFinite(number)); break;
            case double number: WriteReal(writer, number, double.IsFinite(number)); break;
            case JsonElement element: element.WriteTo(writer); break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName((string)entry.Key);
                    Write(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items) Write(writer, item);
                writer.WriteEndArray();
                break;
            default: throw new ArgumentException($"no JSON form for a {value.GetType().Name}");
        }
    }

    // JSON has no NaN or infinity: they are written as the strings "NaN", "Infinity" and "-Infinity", as
    // System.Text.Json does with named floating-point literals.
    private static void WriteReal<T>(Utf8JsonWriter writer, T number, bool finite) where T : IFormattable
    {
        if (finite) writer.WriteRawValue(number.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        else writer.WriteStringValue(number.ToString(null, System.Globalization.CultureInfo.InvariantCulture));
    }
}
