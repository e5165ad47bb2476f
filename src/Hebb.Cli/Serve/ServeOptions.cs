namespace Hebb.Cli.Serve;

/// <summary>How <c>hebb serve</c> runs: where it listens, how it batches, what it accepts.</summary>
/// <param name="ModelPath">The model file served (and watched, with <paramref name="Watch"/>).</param>
/// <param name="Host">The address to bind: 127.0.0.1 unless the user opens it wider.</param>
/// <param name="Port">The TCP port; 0 lets the system choose one (the tests do).</param>
/// <param name="MaxBatch">The most rows one pass of the predictor takes from the requests waiting.</param>
/// <param name="MaxDelay">How long a request may wait for others to join its batch.</param>
/// <param name="MaxBody">The largest request body, in bytes; a larger one is refused with 413.</param>
/// <param name="Watch">Reload the model when its file is replaced.</param>
internal sealed record ServeOptions(string ModelPath, string Host, int Port, int MaxBatch, TimeSpan MaxDelay, long MaxBody, bool Watch)
{
    /// <summary>Loopback only: a model is put on the network by choice, not by default.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The port when none is given.</summary>
    public const int DefaultPort = 8080;

    /// <summary>The predictor's own slice: larger batches gain little per row.</summary>
    public const int DefaultMaxBatch = Inference.Predictor.DefaultMaxBatch;

    /// <summary>No wait: a batch takes the requests queued and runs, and under load the next one gathers while it runs.
    /// Waiting for requests still being read spins the batching thread, which on a machine whose cores are all busy
    /// answering (2 cores, with wrk -c32 beside the server) cost more requests per second than larger batches gained.</summary>
    public const int DefaultMaxDelayMicroseconds = 0;

    /// <summary>4 MB: over a thousand 784-value images in one request.</summary>
    public const long DefaultMaxBody = 4 * 1024 * 1024;
}
