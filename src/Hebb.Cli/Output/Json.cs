using System.Text.Json;

namespace Hebb.Cli.Output;

/// <summary>One JSON object per line, as JSON Lines readers expect.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new()
    {
        // Model paths and metadata are shown as written, not with every quote escaped as \u0022.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Line(object value) => JsonSerializer.Serialize(value, Options);
}
