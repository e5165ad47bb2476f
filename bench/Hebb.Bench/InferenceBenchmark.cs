using System.Runtime.InteropServices;
using System.Text.Json;
using Hebb.Data;
using Hebb.Inference;
using Hebb.Layers;
using Hebb.Serialization.Onnx;
using Hebb.Tensors.Kernels;

namespace Hebb.Bench;

/// <summary>
/// Prediction with the note's network, freshly initialised with seed 42, measured in-process (neither process
/// start nor data loading is timed): Hebb's <see cref="Predictor"/> and ONNX Runtime's <c>InferenceSession</c> on
/// Hebb's ONNX export of the same model, with the same thread count, in one run. A batch of one is a different
/// test image at each call, as a service sees them; a larger batch is the first test images. The rounds of the
/// two alternate, so that a change in the machine's load falls on both.
/// </summary>
internal static class InferenceBenchmark
{
    private const int Rounds = 10;

    /// <summary>
    /// A pause before each block of calls, long enough for the other library's threads to stop spinning. Both keep
    /// their worker threads spinning for a while after a call (ONNX Runtime's intra-op pool by default, Hebb's
    /// workers briefly), which is what makes back-to-back calls fast; but a spinner left over from the other block
    /// holds the second core, and at 2 threads the library measured then runs as if on one (Hebb at batch 10,000:
    /// 31-33 ms a call after ONNX Runtime's block against 19.5-22 ms with ONNX Runtime's spinning turned off).
    /// </summary>
    private static void Settle() => Thread.Sleep(SettleMilliseconds);

    private const int SettleMilliseconds = 200;
    private const int SingleSampleImages = 256;

    public static string Run(InferenceOptions options)
    {
        var test = MnistData.LoadFolder(options.DataFolder).Test;
        int batch = Math.Min(options.Batch, test.Count);
        Parallelism.ThreadCount = options.Threads;
        var model = Mlp.Note(seed: 42);
        int features = test.FeatureCount, classes = model.OutputWidth!.Value;
        int setCount = batch == 1 ? Math.Min(SingleSampleImages, test.Count) : 1;
        var sets = Enumerable.Range(0, setCount).Select(set => test.Features(set * batch, batch).Data).ToArray();

        var predictor = model.CreatePredictor(maxBatch: Math.Min(batch, Predictor.DefaultMaxBatch));
        var hebbLogits = new float[batch * classes];
        var onnxLogits = new float[batch * classes];
        using var onnx = new OnnxRuntimeRunner(OnnxExport.ToBytes(model), options.Threads, sets, batch, features, onnxLogits);

        int call = 0;
        Action hebb = () => predictor.Logits(sets[call++ % setCount], hebbLogits);
        Action onnxRuntime = () => onnx.Run(call++ % setCount);
        for (int i = 0; i < options.Warmup; i++)
        {
            hebb();
            onnxRuntime();
        }
        var hebbTimes = new CallTimes(options.Repetitions);
        var onnxTimes = new CallTimes(options.Repetitions);
        for (int round = 0; round < Rounds; round++)
        {
            int calls = options.Repetitions * (round + 1) / Rounds - options.Repetitions * round / Rounds;
            call = 0;
            Settle();
            for (int i = 0; i < calls; i++) hebbTimes.Time(hebb);
            call = 0;
            Settle();
            for (int i = 0; i < calls; i++) onnxTimes.Time(onnxRuntime);
        }
        // Both computed the last set they were given last; the two must agree.
        float difference = 0;
        for (int i = 0; i < hebbLogits.Length; i++) difference = Math.Max(difference, Math.Abs(hebbLogits[i] - onnxLogits[i]));

        double ratio = onnxTimes.Median / hebbTimes.Median;
        Console.Error.WriteLine($"batch {batch}, {options.Threads} thread(s): Hebb {hebbTimes.Median * 1e6:F1} µs, ONNX Runtime {onnxTimes.Median * 1e6:F1} µs per call (median of {options.Repetitions}); Hebb/ONNX Runtime {ratio:F2}");
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["threads"] = Parallelism.ThreadCount,
            ["batch"] = batch,
            ["warmup"] = options.Warmup,
            ["repetitions"] = options.Repetitions,
            ["best_seconds"] = hebbTimes.Best,
            ["median_seconds"] = hebbTimes.Median,
            ["samples_per_second"] = batch / hebbTimes.Best,
            ["median_samples_per_second"] = batch / hebbTimes.Median,
            ["median_latency_microseconds"] = hebbTimes.Median * 1e6,
            ["onnxruntime_best_seconds"] = onnxTimes.Best,
            ["onnxruntime_median_seconds"] = onnxTimes.Median,
            ["onnxruntime_median_samples_per_second"] = batch / onnxTimes.Median,
            ["onnxruntime_median_latency_microseconds"] = onnxTimes.Median * 1e6,
            ["hebb_over_onnxruntime"] = ratio,
            ["max_logit_difference"] = difference,
            ["input_zero_share"] = ZeroShare(sets),
            ["onnxruntime"] = typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version?.ToString() ?? "",
            ["kernel"] = Gemm.KernelName,
            ["processor_count"] = Environment.ProcessorCount,
            ["runtime"] = RuntimeInformation.FrameworkDescription,
        });
    }

    /// <summary>The share of the inputs that are exactly zero: the part of the first layer's work Hebb skips.</summary>
    private static double ZeroShare(float[][] sets) =>
        (double)sets.Sum(set => set.Count(value => value == 0f)) / sets.Sum(set => set.Length);
}
