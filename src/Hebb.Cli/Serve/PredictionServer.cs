using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hebb.Cli.Serve;

/// <summary>
/// <c>hebb serve</c>'s HTTP server: Kestrel with a minimal API in TensorFlow Serving's shape. <c>POST /v1/predict</c>
/// reads <c>{"instances": [...]}</c> into a pooled request, hands it to the <see cref="BatchingLoop"/> and writes
/// <c>{"predictions": [...]}</c>; <c>GET /v1/model</c> describes the model, <c>GET /healthz</c> says it is up,
/// <c>GET /metrics</c> gives Prometheus's text, and <c>GET /</c> the page to draw a digit on. SIGINT and SIGTERM stop
/// it gracefully: no new connections, the requests in flight answered, then <see cref="WaitForShutdownAsync"/> returns.
/// </summary>
internal sealed class PredictionServer : IAsyncDisposable
{
    /// <summary>Within the 5 s a supervisor such as systemd or Kubernetes gives before it kills.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(4);

    private readonly WebApplication app;
    private readonly ModelSlot models;
    private readonly BatchingLoop loop;
    private readonly ServerMetrics metrics;
    private readonly ConcurrentQueue<PendingRequest> idle = new();
    private readonly long maxBody;
    private readonly byte[] page = PageResource.Bytes("index.html");

    private PredictionServer(ServeOptions options, TextWriter log)
    {
        maxBody = options.MaxBody;
        metrics = new ServerMetrics(options.MaxBatch);
        models = new ModelSlot(options.ModelPath, options.MaxBatch, options.Watch, log, metrics);
        loop = new BatchingLoop(options.MaxBatch, options.MaxDelay, metrics);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(Address(options.Host), options.Port);
            kestrel.AddServerHeader = false;
            // The body's size is checked here, against --max-body, so that the answer can say so in JSON.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        app = builder.Build();
        app.MapPost("/v1/predict", Predict);
        app.MapGet("/v1/model", (HttpContext http) => Send(http, "application/json", models.Current.Description));
        app.MapGet("/healthz", (HttpContext http) => Send(http, "text/plain", "ok\n"u8.ToArray()));
        app.MapGet("/metrics", (HttpContext http) => Send(http, "text/plain; version=0.0.4", Encoding.UTF8.GetBytes(metrics.Text())));
        app.MapGet("/", (HttpContext http) => Send(http, "text/html; charset=utf-8", page));
    }

    /// <summary>Loads the model and starts listening; the model file's errors are the caller's to report.</summary>
    public static async Task<PredictionServer> StartAsync(ServeOptions options, TextWriter log)
    {
        var server = new PredictionServer(options, log);
        await server.app.StartAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>The address the server listens at (with the port chosen when 0 was asked), e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri Url => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    /// <summary>The model serving new requests.</summary>
    public ServedModel Model => models.Current;

    /// <summary>Returns once SIGINT or SIGTERM (or <see cref="DisposeAsync"/>) has stopped the server and every request in flight is answered.</summary>
    public async Task WaitForShutdownAsync()
    {
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        await loop.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await loop.StopAsync().ConfigureAwait(false);
        models.Dispose();
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task Predict(HttpContext http)
    {
        long start = Stopwatch.GetTimestamp();
        var request = idle.TryDequeue(out var reused) ? reused : new PendingRequest();
        bool arriving = true;
        loop.BeginArrival();
        try
        {
            request.Begin(models.Current);
            await ReadBody(http.Request, request).ConfigureAwait(false);
            loop.Submit(request);
            loop.EndArrival();
            arriving = false;
            await request.Answered.ConfigureAwait(false);
            http.Response.ContentType = "application/json";
            PredictionWriter.Write(http.Response.BodyWriter, request);
            await http.Response.BodyWriter.FlushAsync().ConfigureAwait(false);
            metrics.Answered(request.Rows, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        catch (Exception error) when (error is RequestException or BadHttpRequestException or InvalidOperationException)
        {
            int status = error switch
            {
                RequestException refused => refused.Status,
                BadHttpRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            };
            metrics.Refused(status, Stopwatch.GetElapsedTime(start).TotalSeconds);
            if (!http.Response.HasStarted)
            {
                http.Response.StatusCode = status;
                http.Response.ContentType = "application/json";
                PredictionWriter.WriteError(http.Response.BodyWriter, error.Message);
            }
        }
        finally
        {
            if (arriving) loop.EndArrival();
            idle.Enqueue(request);
        }
    }

    /// <summary>Reads the whole body (refusing one over <c>--max-body</c>, by its Content-Length before a byte is read)
    /// and the instances in it.</summary>
    private async Task ReadBody(HttpRequest http, PendingRequest request)
    {
        if (http.ContentLength > maxBody) throw TooLarge(http.ContentLength.Value);
        PipeReader body = http.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync().ConfigureAwait(false);
            if (read.Buffer.Length > maxBody)
            {
                body.AdvanceTo(read.Buffer.End);
                throw TooLarge(read.Buffer.Length);
            }
            if (read.IsCompleted)
            {
                try
                {
                    var buffer = read.Buffer;
                    if (buffer.IsSingleSegment) InstanceReader.Read(buffer.FirstSpan, request);
                    else
                    {
                        var whole = request.Body((int)buffer.Length);
                        buffer.CopyTo(whole);
                        InstanceReader.Read(whole, request);
                    }
                }
                finally { body.AdvanceTo(read.Buffer.End); }
                return;
            }
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private RequestException TooLarge(long length) =>
        new(StatusCodes.Status413PayloadTooLarge, $"the body is {length} bytes or more; --max-body allows {maxBody}");

    private static Task Send(HttpContext http, string contentType, byte[] body)
    {
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body).AsTask();
    }

    private static IPAddress Address(string host) =>
        host == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address
        : throw new UsageException($"--host: expected an IP address such as 127.0.0.1 or 0.0.0.0 (or localhost), found '{host}'");
}
