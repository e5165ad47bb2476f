using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Hebb.Benchmarks;
using Hebb.Tensors.Kernels;

// dotnet run -c Release --project bench/Hebb.Benchmarks -- --filter '*784-300-100-10 b50*'   (or '*' for every product)
// dotnet run -c Release --project bench/Hebb.Benchmarks -- quick 'b128 dW 1024->1024' 256x2048x784:AB   (a minute, no BenchmarkDotNet)
if (args.Length > 0 && args[0] == "quick")
{
    QuickGemm.Run(args[1..]);
    return;
}

var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.ShortRun)
    .AddColumn(StatisticColumn.Median, GemmColumn.Dimensions, GemmColumn.Gflops, GemmColumn.PeakShare, GemmColumn.HebbOverOpenBlas)
    .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));

BenchmarkSwitcher.FromAssembly(typeof(GemmBenchmarks).Assembly).Run(args, config);

Console.WriteLine($"Gemm kernel: {Gemm.KernelName}; peer: {OpenBlas.LibraryPath}; one core's FP32 peak: {CorePeak.Description}");
