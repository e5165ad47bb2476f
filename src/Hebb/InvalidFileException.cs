namespace Hebb;

/// <summary>
/// A file Hebb was asked to read is not what it should be. The message is one line naming the file,
/// the field that is wrong and what was expected, so that a user can act on it without a stack trace.
/// </summary>
public sealed class InvalidFileException : Exception
{
    public string FilePath { get; }
    public string Field { get; }

    public InvalidFileException(string filePath, string field, string problem, Exception? inner = null)
        : base($"{filePath}: {field}: {problem}", inner)
    {
        FilePath = filePath;
        Field = field;
    }
}
