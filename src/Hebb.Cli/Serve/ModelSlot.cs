using Hebb.Serialization;

namespace Hebb.Cli.Serve;

/// <summary>
/// The model being served, and with <c>--watch</c> its file watched: when the file is replaced (the atomic rename
/// <c>hebb train</c> does) the new file is loaded beside the old model and swapped in, so no request is dropped: one
/// already read finishes on the model it was read for. A file that does not load is refused and logged, and the
/// old model keeps serving.
/// </summary>
internal sealed class ModelSlot : IDisposable
{
    /// <summary>How long the file must stay quiet before it is read: a copy that is still being written is not loaded half-way.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    private readonly string path;
    private readonly int maxBatch;
    private readonly TextWriter log;
    private readonly ServerMetrics metrics;
    private readonly FileSystemWatcher? watcher;
    private readonly Timer reload;
    private volatile ServedModel current;

    public ModelSlot(string path, int maxBatch, bool watch, TextWriter log, ServerMetrics metrics)
    {
        this.path = Path.GetFullPath(path);
        this.maxBatch = maxBatch;
        this.log = log;
        this.metrics = metrics;
        current = new ServedModel(ModelFile.Load(path), maxBatch);
        reload = new Timer(_ => Reload());
        if (!watch) return;
        watcher = new FileSystemWatcher(Path.GetDirectoryName(this.path)!, Path.GetFileName(this.path))
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Created += (_, _) => Changed();
        watcher.Changed += (_, _) => Changed();
        watcher.Renamed += (_, _) => Changed();
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>The model new requests are read for.</summary>
    public ServedModel Current => current;

    private void Changed() => reload.Change(Settle, Timeout.InfiniteTimeSpan);

    private void Reload()
    {
        try
        {
            current = new ServedModel(ModelFile.Load(path), maxBatch);
            metrics.Reload(refused: false);
            log.WriteLine($"hebb serve: reloaded {path}: {current.Saved.Model}");
        }
        // Whatever the new file's fault, the server must not die of it (an exception leaving a timer's callback ends the process).
        catch (Exception error)
        {
            metrics.Reload(refused: true);
            log.WriteLine($"hebb serve: refused the new {path}: {error.Message}; the previous model keeps serving");
        }
    }

    public void Dispose()
    {
        watcher?.Dispose();
        reload.Dispose();
    }
}
