using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Hebb.Benchmarks;
using Hebb.Tensors.Kernels;

// dotnet run -c Release --project bench/Hebb.Benchmarks -- --filter '*'
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.ShortRun)
    .AddColumn(StatisticColumn.Median, GemmColumn.Dimensions, GemmColumn.Gflops, GemmColumn.PeakShare);

BenchmarkSwitcher.FromAssembly(typeof(GemmBenchmarks).Assembly).Run(args, config);

Console.WriteLine($"Gemm kernel: {Gemm.KernelName}; one core's FP32 peak: {CorePeak.Description}");
