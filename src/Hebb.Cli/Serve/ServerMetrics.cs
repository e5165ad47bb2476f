using System.Globalization;
using System.Text;

namespace Hebb.Cli.Serve;

/// <summary>What <c>GET /metrics</c> reports, in the Prometheus text format: prediction requests and the rows they
/// held, refused requests by status, the latency of each request (body read to answer written), the rows of each
/// batch the predictor ran, and model reloads.</summary>
internal sealed class ServerMetrics(int maxBatch)
{
    /// <summary>The statuses a refused prediction request gets: bad request, body too large, server failure.</summary>
    private static readonly int[] ErrorStatuses = [400, 413, 500];

    private readonly long[] errors = new long[ErrorStatuses.Length];
    private long requests;
    private long rows;
    private long reloads;
    private long refusedReloads;

    private readonly Histogram latency = new("hebb_predict_latency_seconds", "Time from a prediction request's start to its answer.",
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);

    private readonly Histogram batchRows = new("hebb_batch_rows", "Rows in each batch the predictor ran.", PowersOfTwo(maxBatch));

    /// <summary>A prediction request answered with its <paramref name="instances"/>, <paramref name="seconds"/> after it began.</summary>
    public void Answered(int instances, double seconds)
    {
        Interlocked.Increment(ref requests);
        Interlocked.Add(ref rows, instances);
        latency.Observe(seconds);
    }

    /// <summary>A prediction request refused with <paramref name="status"/>.</summary>
    public void Refused(int status, double seconds)
    {
        Interlocked.Increment(ref requests);
        int index = Array.IndexOf(ErrorStatuses, status);
        Interlocked.Increment(ref errors[index < 0 ? ErrorStatuses.Length - 1 : index]);
        latency.Observe(seconds);
    }

    /// <summary>One batch of <paramref name="batchSize"/> rows went through the predictor.</summary>
    public void Batch(int batchSize) => batchRows.Observe(batchSize);

    /// <summary>A replaced model file was loaded (or, with <paramref name="refused"/>, turned down).</summary>
    public void Reload(bool refused) => Interlocked.Increment(ref refused ? ref refusedReloads : ref reloads);

    /// <summary>Every metric, in the text exposition format 0.0.4.</summary>
    public string Text()
    {
        var text = new StringBuilder();
        Counter(text, "hebb_predict_requests_total", "Prediction requests received, answered or refused.", Interlocked.Read(ref requests));
        text.Append("# HELP hebb_predict_errors_total Prediction requests refused, by HTTP status.\n# TYPE hebb_predict_errors_total counter\n");
        for (int i = 0; i < ErrorStatuses.Length; i++)
            text.Append(CultureInfo.InvariantCulture, $"hebb_predict_errors_total{{status=\"{ErrorStatuses[i]}\"}} {Interlocked.Read(ref errors[i])}\n");
        Counter(text, "hebb_predict_instances_total", "Instances answered.", Interlocked.Read(ref rows));
        latency.WriteTo(text);
        batchRows.WriteTo(text);
        Counter(text, "hebb_model_reloads_total", "Replaced model files loaded and swapped in.", Interlocked.Read(ref reloads));
        Counter(text, "hebb_model_reloads_refused_total", "Replaced model files that could not be loaded (the previous model kept serving).",
            Interlocked.Read(ref refusedReloads));
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");

    private static double[] PowersOfTwo(int upTo)
    {
        var bounds = new List<double>();
        for (long bound = 1; bound < upTo; bound *= 2) bounds.Add(bound);
        bounds.Add(upTo);
        return [.. bounds];
    }
}
