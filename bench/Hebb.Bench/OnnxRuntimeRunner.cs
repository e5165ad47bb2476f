using Microsoft.ML.OnnxRuntime;

namespace Hebb.Bench;

/// <summary>
/// ONNX Runtime's C# API on Hebb's export of the model: one <see cref="InferenceSession"/> with as many intra-op
/// threads as Hebb uses, and every input and output tensor bound once over managed arrays, so that a timed call
/// is one <c>Run</c> and nothing else.
/// </summary>
internal sealed class OnnxRuntimeRunner : IDisposable
{
    private readonly SessionOptions options;
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly string[] inputNames, outputNames;
    private readonly OrtValue[][] inputs;
    private readonly OrtValue[] outputs;

    /// <param name="model">The ONNX file's bytes.</param>
    /// <param name="inputSets">The batches to run, each <paramref name="rows"/> × <paramref name="features"/> values.</param>
    /// <param name="logits">Where each run writes its outputs, <paramref name="rows"/> × classes.</param>
    public OnnxRuntimeRunner(byte[] model, int threads, IReadOnlyList<float[]> inputSets, int rows, int features, float[] logits)
    {
        options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(model, options);
        inputNames = [.. session.InputNames];
        outputNames = [.. session.OutputNames];
        inputs = inputSets.Select(set => new[] { OrtValue.CreateTensorValueFromMemory(set, [rows, features]) }).ToArray();
        outputs = [OrtValue.CreateTensorValueFromMemory(logits, [rows, logits.Length / rows])];
    }

    /// <summary>Runs the model on input set <paramref name="set"/>, into the logits array.</summary>
    public void Run(int set) => session.Run(runOptions, inputNames, inputs[set], outputNames, outputs);

    public void Dispose()
    {
        foreach (var value in inputs.SelectMany(set => set).Concat(outputs)) value.Dispose();
        runOptions.Dispose();
        session.Dispose();
        options.Dispose();
    }
}
