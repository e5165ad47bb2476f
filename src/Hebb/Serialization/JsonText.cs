using System.Text.Json;

namespace Hebb.Serialization;

/// <summary>
/// The strings of a JSON header, read so that an escape no string can hold (a lone UTF-16 surrogate such as
/// <c>\ud800</c>, which JSON's grammar allows but text cannot be) is an <see cref="InvalidFileException"/> naming
/// the field, as every other flaw of the file is, rather than the JSON reader's own exception.
/// </summary>
internal static class JsonText
{
    // A property's ToString is its raw text, name and value, as the file has it.
    public static string NameOf(JsonProperty property, string path, string field)
    {
        try { return property.Name; }
        catch (InvalidOperationException error) { throw LoneSurrogate(path, field, property.ToString(), error); }
    }

    public static string ValueOf(JsonElement value, string path, string field)
    {
        try { return value.GetString()!; }
        catch (InvalidOperationException error) { throw LoneSurrogate(path, field, value.GetRawText(), error); }
    }

    private static InvalidFileException LoneSurrogate(string path, string field, string raw, Exception error) =>
        new(path, field, $"expected text, found an escape that is no character (a lone UTF-16 surrogate) in {InvalidFileException.Echo(raw)}", error);
}
