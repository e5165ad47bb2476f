using System.Text.Json;

namespace Hebb.Serialization;

/// <summary>Names a JSON value the way an error message should show it: numbers and strings as written (escaped and
/// cut, as anything echoed from a file), others by kind.</summary>
internal static class JsonDescription
{
    public static string Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number or JsonValueKind.String => InvalidFileException.Echo(value.GetRawText()),
        _ => Of(value.ValueKind),
    };

    public static string Of(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
