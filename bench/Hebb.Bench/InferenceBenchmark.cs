using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Hebb.Autodiff;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Tensors.Kernels;

namespace Hebb.Bench;

/// <summary>Inference throughput of the note's network, freshly initialised with seed 42 (a dense forward
/// pass costs the same whatever the weights), measured in-process so that neither process start nor data
/// loading is timed.</summary>
internal static class InferenceBenchmark
{
    public static string Run(InferenceOptions options)
    {
        var test = MnistData.LoadFolder(options.DataFolder).Test;
        int batch = Math.Min(options.Batch, test.Count);
        Parallelism.ThreadCount = options.Threads;
        var model = Mlp.Note(seed: 42);
        var images = test.Features(0, batch);

        var seconds = new double[options.Repetitions];
        using (Autograd.NoGradient())
        {
            for (int i = 0; i < options.Warmup; i++) model.Forward(images);
            for (int i = 0; i < seconds.Length; i++)
            {
                long start = Stopwatch.GetTimestamp();
                model.Forward(images);
                seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
        }

        Array.Sort(seconds);
        double best = seconds[0], median = (seconds[(seconds.Length - 1) / 2] + seconds[seconds.Length / 2]) / 2;
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["threads"] = Parallelism.ThreadCount,
            ["batch"] = batch,
            ["warmup"] = options.Warmup,
            ["repetitions"] = options.Repetitions,
            ["best_seconds"] = best,
            ["median_seconds"] = median,
            ["samples_per_second"] = batch / best,
            ["median_samples_per_second"] = batch / median,
            ["kernel"] = Gemm.KernelName,
            ["processor_count"] = Environment.ProcessorCount,
            ["runtime"] = RuntimeInformation.FrameworkDescription,
        });
    }
}
