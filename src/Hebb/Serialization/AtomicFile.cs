namespace Hebb.Serialization;

/// <summary>
/// Replaces a file in one step, so that an error or a crash mid-write never leaves a half-written file at the
/// path: whoever reads it finds either the old content or the new. The content goes to a temporary file beside
/// the target (<c>.NAME.RANDOM.tmp</c>), flushed to disk, then renamed over it.
/// </summary>
/// <remarks>
/// A target that exists and is not a regular file (a device such as <c>/dev/null</c>, a FIFO, a socket) is refused:
/// a rename would replace it. A symbolic link is followed: the file it points to is replaced, and the link stays.
/// Errors name the target, never the temporary file. Temporary files of the same target left by a killed
/// writer are removed after the next successful write.
/// </remarks>
public static class AtomicFile
{
    /// <summary>Runs <paramref name="writeContent"/> on a new hidden file beside <paramref name="path"/>, flushes it to disk
    /// and renames it over <paramref name="path"/>. If <paramref name="writeContent"/> throws, the temporary file is deleted,
    /// the exception goes on (an I/O error as an <see cref="IOException"/> naming <paramref name="path"/>), and
    /// <paramref name="path"/> keeps what it held.</summary>
    public static void Write(string path, Action<Stream> writeContent)
    {
        var target = Target(path);
        var startedAt = DateTime.UtcNow;
        var temporaryPath = TemporaryPathFor(target);
        try
        {
            using (var stream = Create(target, temporaryPath))
            {
                writeContent(stream);
                // On disk before the rename: otherwise a power cut could leave the new name over unwritten blocks.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporaryPath, target, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temporaryPath);
            throw new IOException($"{path}: cannot write it: {exception.Message.Replace(temporaryPath, target)}", exception);
        }
        catch
        {
            DeleteQuietly(temporaryPath);
            throw;
        }
        RemoveStaleTemporaries(target, startedAt);
    }

    /// <summary>
    /// Fails now, rather than after the work whose result it would hold, unless <paramref name="path"/> could be
    /// written: its folder exists and a temporary file can be made there, and it is no folder or special file.
    /// </summary>
    /// <exception cref="IOException">Why not, in one line naming <paramref name="path"/>.</exception>
    public static void CheckWritable(string path)
    {
        var target = Target(path);
        var temporaryPath = TemporaryPathFor(target);
        try
        {
            Create(target, temporaryPath).Dispose();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: cannot write it: {exception.Message.Replace(temporaryPath, target)}", exception);
        }
        finally
        {
            DeleteQuietly(temporaryPath);
        }
    }

    // The file a write replaces: the path itself or, for a symbolic link, the file it finally points to.
    private static string Target(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var target = new FileInfo(fullPath).LinkTarget is null
            ? fullPath
            : File.ResolveLinkTarget(fullPath, returnFinalTarget: true)!.FullName;
        if (Directory.Exists(target))
            throw new IOException($"{path}: is a folder; expected a file name");
        if (FileKind.SpecialKindOf(target) is { } kind)
            throw new IOException($"{path}: is {kind}, not a regular file; refusing to replace it");
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{path}: folder {folder} does not exist");
        return target;
    }

    // Beside the target, so that the final move is a rename within one file system, which is atomic.
    private static string TemporaryPathFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $"{TemporaryPrefix(target)}{Path.GetRandomFileName()}.tmp");

    private static string TemporaryPrefix(string target) => $".{Path.GetFileName(target)}.";

    private static FileStream Create(string target, string temporaryPath)
    {
        try
        {
            return new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new IOException($"no permission to create files in folder {Path.GetDirectoryName(target)}", exception);
        }
    }

    // A temporary written to before this write began is no concurrent writer's: it was left by a killed one.
    private static void RemoveStaleTemporaries(string target, DateTime startedAt)
    {
        var folder = Path.GetDirectoryName(target)!;
        string prefix = TemporaryPrefix(target);
        try
        {
            foreach (var stale in Directory.EnumerateFiles(folder, prefix + "*.tmp"))
                if (Path.GetFileName(stale).Length == prefix.Length + 12 + ".tmp".Length && File.GetLastWriteTimeUtc(stale) < startedAt)
                    DeleteQuietly(stale);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
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
