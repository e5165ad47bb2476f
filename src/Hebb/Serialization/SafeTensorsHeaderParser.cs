using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using static Hebb.Serialization.SafeTensorsFormat;

namespace Hebb.Serialization;

/// <summary>Reads a safetensors header's JSON: a tensor entry per name, and an optional <c>__metadata__</c> of strings.</summary>
internal static class SafeTensorsHeaderParser
{
    public static SafeTensorsHeader Parse(string path, byte[] json)
    {
        using var document = ParseJson(path, json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidFileException(path, "header", $"expected a JSON object, found {JsonDescription.Of(root)}");
        var entries = new List<SafeTensorsEntry>();
        IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            string name = JsonText.NameOf(property, path, "header key");
            if (!keys.Add(name))
                throw new InvalidFileException(path, "header", $"expected each key once, found '{InvalidFileException.Echo(name)}' twice");
            if (name == MetadataKey)
                metadata = ParseMetadata(path, property.Value);
            else
                entries.Add(SafeTensorsEntryParser.Parse(path, name, property.Value));
        }
        return new SafeTensorsHeader(entries, metadata);
    }

    private static JsonDocument ParseJson(string path, byte[] json)
    {
        // The format requires UTF-8; checking it up front gives one clear message rather than whatever the
        // JSON reader says where it first trips.
        if (!Utf8.IsValid(json))
            throw new InvalidFileException(path, "header", "expected UTF-8 JSON, found bytes that are not valid UTF-8");
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new InvalidFileException(path, "header", $"expected JSON, found a syntax error: {OneLine(exception.Message)}", exception);
        }
    }

    private static Dictionary<string, string> ParseMetadata(string path, JsonElement metadataObject)
    {
        if (metadataObject.ValueKind != JsonValueKind.Object)
            throw new InvalidFileException(path, MetadataKey, $"expected an object of strings, found {JsonDescription.Of(metadataObject)}");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in metadataObject.EnumerateObject())
        {
            string key = JsonText.NameOf(property, path, $"{MetadataKey} key");
            var field = $"{MetadataKey}.{InvalidFileException.Echo(key)}";
            if (property.Value.ValueKind != JsonValueKind.String)
                throw new InvalidFileException(path, field, $"expected a string, found {JsonDescription.Of(property.Value)}");
            if (!metadata.TryAdd(key, JsonText.ValueOf(property.Value, path, field)))
                throw new InvalidFileException(path, field, "expected each key once, found it twice");
        }
        return metadata;
    }

    private static string OneLine(string text) => new StringBuilder(text).Replace('\r', ' ').Replace('\n', ' ').ToString();
}
