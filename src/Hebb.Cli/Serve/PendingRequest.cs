using System.Buffers;
using System.Threading.Tasks.Sources;

namespace Hebb.Cli.Serve;

/// <summary>
/// One <c>POST /v1/predict</c> between its body being read and its answer being written: the instances, read straight
/// into <see cref="Inputs"/>, and, once the batching loop has run them, their classes and probabilities (or a regression
/// model's values). It is its own
/// awaitable (<see cref="IValueTaskSource"/>) and goes back to a pool after the answer, so a request allocates no
/// task, buffer or completion of its own once the server is warm.
/// </summary>
internal sealed class PendingRequest : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> completion = new() { RunContinuationsAsynchronously = true };
    private Exception? failure;

    /// <summary>The model the instances were checked against; the batch runs them on it, even if a reload came since.</summary>
    public ServedModel Model { get; private set; } = null!;

    private float[] inputs = [];
    private float[] outputs = [];
    private int[] classes = [];
    private byte[] body = [];

    /// <summary>The instances, row after row; longer than needed (pooled).</summary>
    public float[] Inputs => inputs;

    /// <summary>Once answered, row after row: a classifier's probabilities, or a regression model's outputs as the network
    /// gives them (standardized; <see cref="PredictionWriter"/> turns them into the target's units).</summary>
    public float[] Outputs => outputs;

    /// <summary>A table instance's cells by column name while it is read, reused from row to row and request to request.</summary>
    public Dictionary<string, string> Cells { get; } = new(StringComparer.Ordinal);

    /// <summary>The most likely class of each instance, once answered.</summary>
    public int[] Classes => classes;

    /// <summary>How many instances the request holds.</summary>
    public int Rows { get; private set; }

    /// <summary>Makes the request ready to read instances for <paramref name="model"/>.</summary>
    public void Begin(ServedModel model)
    {
        Model = model;
        Rows = 0;
        failure = null;
        completion.Reset();
    }

    /// <summary>A place for one more instance's <see cref="ServedModel.InputWidth"/> values, growing the pooled buffers as needed.</summary>
    public Span<float> AddRow()
    {
        int width = Model.InputWidth;
        Grow(ref inputs, (Rows + 1) * width, copy: true);
        return Inputs.AsSpan(Rows++ * width, width);
    }

    /// <summary>The body in one piece: Kestrel receives it in blocks of 4 KB, and a JSON reader over one span parses it
    /// twice as fast as over a sequence of blocks. A pooled buffer of at least <paramref name="length"/> bytes.</summary>
    public Span<byte> Body(int length)
    {
        Grow(ref body, length, copy: false);
        return body.AsSpan(0, length);
    }

    /// <summary>Forgets the rows read so far (a reader that gave up, before another reads the body again).</summary>
    public void ClearRows() => Rows = 0;

    /// <summary>Room for the answer of every row, called by the batching loop before it writes them.</summary>
    public void PrepareAnswers()
    {
        Grow(ref outputs, Rows * Model.OutputWidth, copy: false);
        Grow(ref classes, Rows, copy: false);
    }

    /// <summary>Wakes the request's handler: answered, or failed with <paramref name="error"/>.</summary>
    public void Complete(Exception? error = null)
    {
        failure = error;
        completion.SetResult(true);
    }

    /// <summary>Waits for <see cref="Complete"/>; throws the batch's failure, if any.</summary>
    public ValueTask Answered => new(this, completion.Version);

    private static void Grow<T>(ref T[] current, int needed, bool copy)
    {
        if (current.Length >= needed) return;
        var larger = ArrayPool<T>.Shared.Rent(Math.Max(needed, 2 * current.Length));
        if (copy) current.AsSpan().CopyTo(larger);
        if (current.Length > 0) ArrayPool<T>.Shared.Return(current);
        current = larger;
    }

    void IValueTaskSource.GetResult(short token)
    {
        completion.GetResult(token);
        if (failure is not null) throw new InvalidOperationException($"the prediction failed: {failure.Message}", failure);
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => completion.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        completion.OnCompleted(continuation, state, token, flags);
}
