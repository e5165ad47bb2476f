using System.Diagnostics;
using System.Threading.Channels;
using Hebb.Activations;

namespace Hebb.Cli.Serve;

/// <summary>
/// Dynamic batching: one loop takes the requests whose bodies have been read, gathers those waiting into one batch of
/// up to <c>maxBatch</c> rows, and runs it through the predictor in one pass, so that under load the model runs
/// batches (fast per row) rather than single rows. A batch waits for more only while other requests are still being
/// read, and never longer than <c>maxDelay</c> after it began: a lone request runs at once.
/// Each request's answer is its rows of the batch's logits: the argmax as the class, the softmax as the probabilities
/// (a regression model's outputs as they are), exactly as <see cref="Inference.Predictor.Predict(ReadOnlySpan{float}, Span{float})"/> computes them.
/// </summary>
internal sealed class BatchingLoop
{
    private readonly Channel<PendingRequest> queue = Channel.CreateUnbounded<PendingRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<PendingRequest> batch = [];
    private readonly int maxBatch;
    private readonly TimeSpan maxDelay;
    private readonly ServerMetrics metrics;
    private readonly Task running;
    private float[] inputs = [];
    private float[] logits = [];
    private PendingRequest? held;
    private int arriving;

    public BatchingLoop(int maxBatch, TimeSpan maxDelay, ServerMetrics metrics)
    {
        this.maxBatch = maxBatch;
        this.maxDelay = maxDelay;
        this.metrics = metrics;
        running = Task.Run(RunAsync);
    }

    /// <summary>A request has begun reading its body: a batch about to run may wait for it. Paired with <see cref="EndArrival"/>.</summary>
    public void BeginArrival() => Interlocked.Increment(ref arriving);

    /// <summary>The request is queued (<see cref="Submit"/>) or refused.</summary>
    public void EndArrival() => Interlocked.Decrement(ref arriving);

    /// <summary>Queues a request whose instances are read; <see cref="PendingRequest.Answered"/> completes when it has run.</summary>
    public void Submit(PendingRequest request)
    {
        if (!queue.Writer.TryWrite(request)) request.Complete(new InvalidOperationException("the server is shutting down"));
    }

    /// <summary>Runs what is queued, then ends the loop.</summary>
    public Task StopAsync()
    {
        queue.Writer.TryComplete();
        return running;
    }

    private async Task RunAsync()
    {
        while (held is not null || await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            Gather();
            if (batch.Count > 0) Run();
        }
    }

    /// <summary>Fills <see cref="batch"/>: the held-over request and those queued, while they fit and share a model;
    /// waiting (yielding the core) for requests still arriving until the batch is full or <see cref="maxDelay"/> has passed.</summary>
    private void Gather()
    {
        batch.Clear();
        int rows = 0;
        long start = Stopwatch.GetTimestamp();
        var spinner = new SpinWait();
        while (rows < maxBatch)
        {
            var next = held;
            held = null;
            if (next is null && !queue.Reader.TryRead(out next))
            {
                if (Volatile.Read(ref arriving) > 0 && Stopwatch.GetElapsedTime(start) < maxDelay)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                return;
            }
            // A request too large for this batch, or read for a model since replaced, starts the next one.
            if (batch.Count > 0 && (next.Model != batch[0].Model || rows + next.Rows > maxBatch))
            {
                held = next;
                return;
            }
            batch.Add(next);
            rows += next.Rows;
        }
    }

    private void Run()
    {
        var model = batch[0].Model;
        int width = model.InputWidth, outputs = model.OutputWidth;
        int rows = 0;
        foreach (var request in batch) rows += request.Rows;
        try
        {
            ReadOnlySpan<float> batchInputs;
            if (batch.Count == 1) batchInputs = batch[0].Inputs.AsSpan(0, rows * width);
            else
            {
                Grow(ref inputs, rows * width);
                int offset = 0;
                foreach (var request in batch)
                {
                    request.Inputs.AsSpan(0, request.Rows * width).CopyTo(inputs.AsSpan(offset));
                    offset += request.Rows * width;
                }
                batchInputs = inputs.AsSpan(0, rows * width);
            }
            Grow(ref logits, rows * outputs);
            model.Predictor.Logits(batchInputs, logits.AsSpan(0, rows * outputs));
            metrics.Batch(rows);

            int first = 0;
            foreach (var request in batch)
            {
                request.PrepareAnswers();
                var own = logits.AsSpan(first * outputs, request.Rows * outputs);
                first += request.Rows;
                if (model.Regression)
                {
                    own.CopyTo(request.Outputs);
                    continue;
                }
                for (int i = 0; i < request.Rows; i++) request.Classes[i] = Inference.Predictor.ClassOf(own.Slice(i * outputs, outputs));
                Activation.Softmax.Forward(own, request.Outputs.AsSpan(0, own.Length), outputs);
            }
            foreach (var request in batch) request.Complete();
        }
        catch (Exception error)
        {
            foreach (var request in batch) request.Complete(error);
        }
    }

    private static void Grow(ref float[] buffer, int needed)
    {
        if (buffer.Length < needed) buffer = new float[Math.Max(needed, 2 * buffer.Length)];
    }
}
