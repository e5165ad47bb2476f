using System.Text;

namespace Hebb;

/// <summary>
/// A file Hebb was asked to read is not what it should be. The message is one line naming the file,
/// the field that is wrong and what was expected, so that a user can act on it without a stack trace.
/// </summary>
public sealed class InvalidFileException : Exception
{
    /// <summary>The longest text a message echoes from a file; past it the text is cut, so that a hostile file cannot flood the terminal.</summary>
    public const int MaxEchoedChars = 80;

    /// <summary>The file that is wrong.</summary>
    public string FilePath { get; }

    /// <summary>The part of the file that is wrong (a header field, a tensor's shape, a dimension, …).</summary>
    public string Field { get; }

    /// <summary>A message "<paramref name="filePath"/>: <paramref name="field"/>: <paramref name="problem"/>", kept to one line.</summary>
    public InvalidFileException(string filePath, string field, string problem, Exception? inner = null)
        : base($"{filePath}: {field}: {problem}".ReplaceLineEndings(" "), inner)
    {
        FilePath = filePath;
        Field = field;
    }

    /// <summary>
    /// Text taken from a file, made safe to show: control characters written as escapes (<c>\x1b</c>, <c>\0</c>,
    /// <c>\n</c>), lone surrogates as <c>\ud800</c>, and cut after <see cref="MaxEchoedChars"/> characters with the full length said.
    /// </summary>
    public static string Echo(string text)
    {
        var echoed = new StringBuilder();
        int shown = Math.Min(text.Length, MaxEchoedChars);
        for (int i = 0; i < shown; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                echoed.Append(c).Append(text[++i]);
                continue;
            }
            echoed.Append(c switch
            {
                '\0' => "\\0",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => (int)c <= 0xff ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        if (text.Length > shown) echoed.Append($"… ({text.Length} characters)");
        return echoed.ToString();
    }
}
