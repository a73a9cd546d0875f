using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace QuantPulse.CircuitLoad;

/// <summary>
/// What a running dashboard host costs over a window: CPU time and resident memory from <c>/proc/PID</c>, the managed
/// heap from its <c>/metrics</c> (<c>dotnet_gc_last_collection_heap_size_bytes</c>, the heap after its last collection),
/// and the pipeline's throughput from the growth of <c>ticks_processed</c> in <c>/api/stats</c>. Memory is averaged
/// over the second half of the window, once the host has settled.
/// </summary>
public sealed class HostSampler(HttpClient http, int pid)
{
    private const int SampleMilliseconds = 5000;

    /// <summary>Whether <paramref name="pid"/> is a running process this machine can measure.</summary>
    public static bool CanMeasure(int pid) => pid > 0 && File.Exists($"/proc/{pid}/stat");

    /// <summary>Measures for <paramref name="seconds"/>; <paramref name="onSample"/> runs after every sample (e.g. to check the circuits).</summary>
    public async Task<HostSample> MeasureAsync(double seconds, Func<Task>? onSample = null)
    {
        var cpu0 = CpuSeconds();
        var ticks0 = await TicksAsync();
        var clock = Stopwatch.StartNew();
        var rss = new List<long>();
        var heap = new List<long>();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(SampleMilliseconds, Math.Max(1, (seconds - clock.Elapsed.TotalSeconds) * 1000))));
            rss.Add(ResidentBytes());
            heap.Add((long)(await MetricAsync("dotnet_gc_last_collection_heap_size_bytes") ?? 0));
            if (onSample is not null)
            {
                await onSample();
            }
        }

        var ticks = await TicksAsync() - ticks0;
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = CpuSeconds() - cpu0;
        var dropped = (long)(await MetricAsync("quantpulse_ws_dropped_total") ?? 0);
        return new HostSample(
            elapsed,
            cpu,
            cpu / elapsed * 100,
            (long)rss.Skip(rss.Count / 2).Average(),
            (long)heap.Skip(heap.Count / 2).Average(),
            ticks / elapsed,
            dropped);
    }

    /// <summary>The sum of a metric's series on the host's <c>/metrics</c>, or null when it has none.</summary>
    public async Task<double?> MetricAsync(string name)
    {
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        double? sum = null;
        foreach (var line in metrics.Split('\n'))
        {
            // "name value" or "name{labels} value"; not "name_bucket…" of another metric with the same prefix.
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            {
                sum = (sum ?? 0) + double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    private async Task<long> TicksAsync()
    {
        using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/stats", UriKind.Relative)));
        return stats.RootElement.GetProperty("ticks_processed").GetInt64();
    }

    private double CpuSeconds()
    {
        // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): user and system time in clock ticks.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>One measured window of the host.</summary>
/// <param name="Seconds">Length of the window.</param>
/// <param name="CpuSeconds">Host CPU time (user + system) used in it.</param>
/// <param name="CpuPercent">That as a share of one core.</param>
/// <param name="RssBytes">Resident memory (second-half average).</param>
/// <param name="HeapBytes">Managed heap after the last collection (second-half average).</param>
/// <param name="TicksPerSecond">Pipeline throughput.</param>
/// <param name="Dropped">Ticks dropped for WebSocket feed clients that fell behind, so far.</param>
public sealed record HostSample(double Seconds, double CpuSeconds, double CpuPercent, long RssBytes, long HeapBytes, double TicksPerSecond, long Dropped)
{
    /// <summary>One line for the log.</summary>
    public string Describe(string phase) => string.Create(
        CultureInfo.InvariantCulture,
        $"{phase}: {Seconds:F0} s, host CPU {CpuSeconds:F1} s ({CpuPercent:F1}% of one core), resident {RssBytes / 1048576.0:F1} MiB, managed heap {HeapBytes / 1048576.0:F1} MiB, pipeline {TicksPerSecond:F0} ticks/s, drops {Dropped}");

    /// <summary>The table for docs/benchmarks.md: both windows and what one circuit adds.</summary>
    public static string Table(HostSample idle, HostSample loaded, string loadedPhase, int circuits)
    {
        ArgumentNullException.ThrowIfNull(idle);
        ArgumentNullException.ThrowIfNull(loaded);
        var c = CultureInfo.InvariantCulture;
        var change = idle.TicksPerSecond > 0 ? (loaded.TicksPerSecond / idle.TicksPerSecond * 100) - 100 : 0;
        return string.Join(
            Environment.NewLine,
            "| | measured | host CPU time | host CPU (of one core) | resident | managed heap | pipeline ticks/s | drops |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            Row("no circuit open", idle),
            Row(loadedPhase, loaded),
            string.Create(c, $"| per circuit | | | {(loaded.CpuPercent - idle.CpuPercent) / circuits:F2} % | {(loaded.RssBytes - idle.RssBytes) / circuits / 1024.0:F0} KiB | {(loaded.HeapBytes - idle.HeapBytes) / circuits / 1024.0:F0} KiB | {change:+0.0;-0.0;0.0} % (all circuits) | |"));

        string Row(string phase, HostSample s) => string.Create(
            c,
            $"| {phase} | {s.Seconds:F0} s | {s.CpuSeconds:F1} s | {s.CpuPercent:F1} % | {s.RssBytes / 1048576.0:F1} MiB | {s.HeapBytes / 1048576.0:F1} MiB | {s.TicksPerSecond:N0} | {s.Dropped} |");
    }
}
