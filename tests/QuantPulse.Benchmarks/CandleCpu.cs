using System.Diagnostics;
using System.Globalization;

namespace QuantPulse.Benchmarks;

/// <summary>
/// CPU time per tick of the in-memory candle benchmarks, measured as the process's CPU time (every thread: the
/// blocks, the runtime's GC and JIT) around each round. On a machine shared with other work, wall-clock time
/// mostly measures the other work; CPU time charged to this process is far less distorted.
/// </summary>
/// <remarks>
/// Usage: <c>candle-cpu [builder|block|default-set|all] [rounds]</c>. Each scenario first runs 8 unmeasured rounds
/// (tiered JIT and PGO reach their final code), then <c>rounds</c> measured ones (default 10), and prints the
/// minimum and median CPU ns per tick, the wall ns per tick and the bytes allocated per tick.
/// </remarks>
internal static class CandleCpu
{
    private const int WarmupRounds = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        var which = args.Length > 1 ? args[1] : "all";
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var bench = new CandleBenchmarks();
        bench.Setup();
        try
        {
            var ticks = bench.TickTotal;
            (string Name, Func<Task<long>> Run)[] scenarios =
            [
                ("builder", () => Task.FromResult(bench.CandleBuilder_Add())),
                ("block", bench.CandleBlock_FromMemory),
                ("default-set", bench.CandleBlock_DefaultIndicators_FromMemory),
            ];
            Console.WriteLine($"# {ticks:N0} ticks per round, {rounds} rounds after {WarmupRounds} warm-up rounds, load {LoadAverage()}");
            Console.WriteLine("scenario      cpu-min  cpu-median  wall-median  alloc B/tick  (ns per tick)");
            foreach (var (name, run) in scenarios)
            {
                if (which != "all" && which != name)
                {
                    continue;
                }

                for (var i = 0; i < WarmupRounds; i++)
                {
                    await run();
                }

                var cpu = new double[rounds];
                var wall = new double[rounds];
                long allocated = 0;
                var process = Process.GetCurrentProcess();
                for (var i = 0; i < rounds; i++)
                {
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    var allocBefore = GC.GetTotalAllocatedBytes(precise: true);
                    var clock = Stopwatch.StartNew();
                    await run();
                    wall[i] = clock.Elapsed.TotalNanoseconds / ticks;
                    allocated += GC.GetTotalAllocatedBytes(precise: true) - allocBefore;
                    process.Refresh();
                    cpu[i] = (process.TotalProcessorTime - cpuBefore).TotalNanoseconds / ticks;
                }

                Array.Sort(cpu);
                Array.Sort(wall);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name,-12} {cpu[0],8:F1} {cpu[rounds / 2],11:F1} {wall[rounds / 2],12:F1} {(double)allocated / rounds / ticks,13:F2}"));
            }

            Console.WriteLine($"# load after: {LoadAverage()}");
            return 0;
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
