using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// `feed-latency …` measures a running dashboard's WebSocket feed instead (see Feed/FeedLatency.cs, docs/benchmarks.md).
if (args.Length > 0 && args[0] == "feed-latency")
{
    return await QuantPulse.Benchmarks.Feed.FeedLatency.RunAsync(args);
}

// `circuits …` measures what open dashboard pages cost a running host (see Feed/CircuitLoad.cs, docs/benchmarks.md).
if (args.Length > 0 && args[0] == "circuits")
{
    return await QuantPulse.Benchmarks.Feed.CircuitLoad.RunAsync(args);
}

// `scale-out …` measures ingest → Redis → workers → PostgreSQL and the archiver (see ScaleOut/ScaleOutThroughput.cs, bench/scale-out.sh).
if (args.Length > 0 && args[0] == "scale-out")
{
    return await QuantPulse.Benchmarks.ScaleOut.ScaleOutThroughput.RunAsync(args);
}

// `candle-cpu …` measures CPU time per tick of the in-memory candle benchmarks (see CandleCpu.cs, docs/benchmarks.md).
if (args.Length > 0 && args[0] == "candle-cpu")
{
    return await QuantPulse.Benchmarks.CandleCpu.RunAsync(args);
}

// Runs in-process (no separate build per benchmark) so it works offline and on every SDK.
// Usage: dotnet run -c Release --project tests/QuantPulse.Benchmarks -- --filter '*Candle*'
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
