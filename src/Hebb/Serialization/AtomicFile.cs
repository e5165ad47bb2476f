namespace Hebb.Serialization;

/// <summary>
/// Replaces a file in one step, so that an error or a crash mid-write never leaves a half-written file at the
/// path: whoever reads it finds either the old content or the new.
/// </summary>
public static class AtomicFile
{
    /// <summary>Runs <paramref name="writeContent"/> on a new hidden file beside <paramref name="path"/>, flushes it to disk
    /// and renames it over <paramref name="path"/>. If <paramref name="writeContent"/> throws, the temporary file is deleted,
    /// the exception goes on, and <paramref name="path"/> keeps what it held.</summary>
    public static void Write(string path, Action<Stream> writeContent)
    {
        var fullPath = Path.GetFullPath(path);
        // Beside the target, so that the final move is a rename within one file system, which is atomic.
        var temporaryPath = Path.Combine(
            Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContent(stream);
                // On disk before the rename: otherwise a power cut could leave the new name over unwritten blocks.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporaryPath);
            throw;
        }
    }

    // The write's own exception is the one worth reporting; a temporary file that cannot be removed must not hide it.
    private static void DeleteQuietly(string temporaryPath)
    {
        try
        {
            File.Delete(temporaryPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }
}
