using System.CommandLine;
using Hebb.Cli.Serve;
using Hebb.Tensors.Kernels;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb serve</c>: puts a model file online over HTTP, batching concurrent requests, with a page to try it.</summary>
internal static class ServeCommand
{
    public static Command Create(CommandContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A model file written by 'hebb train'" };
        var host = new Option<string>("--host") { Description = "The address to listen on (0.0.0.0 for every interface)", DefaultValueFactory = _ => ServeOptions.DefaultHost };
        var port = new Option<int>("--port") { Description = "The TCP port (0: any free port)", DefaultValueFactory = _ => ServeOptions.DefaultPort };
        var maxBatch = new Option<int>("--max-batch")
        {
            Description = "The most rows the model runs at once, gathered from concurrent requests",
            DefaultValueFactory = _ => ServeOptions.DefaultMaxBatch,
        };
        var maxDelay = new Option<int>("--max-delay")
        {
            Description = "How long, in microseconds, a batch may wait for requests still being read (default 0: run what is queued)",
            DefaultValueFactory = _ => ServeOptions.DefaultMaxDelayMicroseconds,
        };
        var maxBody = new Option<long>("--max-body") { Description = "The largest request body accepted, in bytes", DefaultValueFactory = _ => ServeOptions.DefaultMaxBody };
        // One thread by default: under load the cores are busy reading and answering requests, and a batch split across
        // two threads made the kernel's worker spin for a core that Kestrel (and, on one machine, the client) needed.
        var threads = new Option<int>("--threads") { Description = "Threads for the matrix products of a batch", DefaultValueFactory = _ => 1 };
        var watch = new Option<bool>("--watch") { Description = "Reload the model when its file is replaced (a bad new file is refused and logged)" };
        var command = new Command("serve", "Serve a model over HTTP: POST /v1/predict, GET /v1/model, /healthz, /metrics, and a page at /")
        {
            file, host, port, maxBatch, maxDelay, maxBody, threads, watch,
        };
        command.SetAction(parsed =>
        {
            int portNumber = parsed.GetValue(port);
            if (portNumber is < 0 or > 65535) throw new UsageException($"--port: expected 0 to 65535, found {portNumber}");
            int delay = parsed.GetValue(maxDelay);
            if (delay < 0) throw new UsageException($"--max-delay: expected microseconds, 0 or more, found {delay}");
            long body = parsed.GetValue(maxBody);
            if (body < 1) throw new UsageException($"--max-body: expected a positive number of bytes, found {body}");
            Parallelism.ThreadCount = SharedOptions.Positive(parsed.GetValue(threads), "--threads");
            var options = new ServeOptions(parsed.GetValue(file)!, parsed.GetValue(host)!, portNumber,
                SharedOptions.Positive(parsed.GetValue(maxBatch), "--max-batch"), TimeSpan.FromMicroseconds(delay), body, parsed.GetValue(watch));
            return Run(options, context).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> Run(ServeOptions options, CommandContext context)
    {
        var log = TextWriter.Synchronized(context.Error);
        await using var server = await PredictionServer.StartAsync(options, log);
        context.Output.WriteLine($"hebb serve: {options.ModelPath} ({server.Model.Saved.Model}) at {server.Url}{(options.Watch ? ", watching the file" : "")}; Ctrl+C to stop");
        await server.WaitForShutdownAsync();
        context.Output.WriteLine("hebb serve: stopped");
        return ExitCode.Success;
    }
}
