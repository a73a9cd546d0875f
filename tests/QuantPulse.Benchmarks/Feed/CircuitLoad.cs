using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace QuantPulse.Benchmarks.Feed;

/// <summary>
/// What open dashboard pages cost a running host: its CPU, its memory and the pipeline's throughput, first with no
/// page open, then with <c>--pages</c> market pages (each its own Blazor circuit) open in headless chromium.
/// </summary>
/// <remarks>
/// <c>circuits --url http://127.0.0.1:5099 --pid HOSTPID --pages 50 --baseline 120 --seconds 300 --path "/?tf=1m"</c>.
/// CPU and resident memory come from <c>/proc/HOSTPID</c>; the managed heap from the host's <c>/metrics</c>
/// (<c>dotnet_gc_last_collection_heap_size_bytes</c>, after a full collection forced by nothing: the last one the host
/// made); throughput is the growth of <c>ticks_processed</c> in <c>/api/stats</c> over each phase.
/// </remarks>
internal static class CircuitLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(Option(args, "--url", "http://127.0.0.1:5099"));
        var pid = int.Parse(Option(args, "--pid", "0"), CultureInfo.InvariantCulture);
        var pages = int.Parse(Option(args, "--pages", "50"), CultureInfo.InvariantCulture);
        var baseline = double.Parse(Option(args, "--baseline", "120"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option(args, "--seconds", "300"), CultureInfo.InvariantCulture);
        var path = Option(args, "--path", "/?tf=1m");
        using var http = new HttpClient { BaseAddress = url };

        var idle = await MeasureAsync(http, pid, baseline);
        Report("no page open", idle);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("QUANTPULSE_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
        var open = new List<IPage>();
        for (var i = 0; i < pages; i++)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
            page.SetDefaultTimeout(120_000);
            await page.GotoAsync(new Uri(url, path).ToString());
            await page.Locator(".app[data-circuit=up]").WaitForAsync();
            open.Add(page);
        }

        foreach (var page in open)
        {
            await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=price-chart]').dataset.ticks) > 0");
        }

        var loaded = await MeasureAsync(http, pid, seconds);
        var live = 0;
        foreach (var page in open)
        {
            live += await page.Locator(".app[data-circuit=up]").CountAsync() == 1 && !await page.GetByTestId("reconnect").IsVisibleAsync() ? 1 : 0;
        }

        Report($"{pages} pages open ({live} still live at the end)", loaded);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"per circuit: resident {(loaded.RssBytes - idle.RssBytes) / pages / 1024.0:F0} KiB, managed heap {(loaded.HeapBytes - idle.HeapBytes) / pages / 1024.0:F0} KiB; throughput {loaded.TicksPerSecond / idle.TicksPerSecond * 100 - 100:+0.0;-0.0}%"));
        return live == pages ? 0 : 1;
    }

    private static void Report(string phase, Sample s) => Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{phase}: {s.Seconds:F0} s, host CPU {s.CpuPercent:F1}% of one core, resident {s.RssBytes / 1048576.0:F1} MiB, managed heap {s.HeapBytes / 1048576.0:F1} MiB, pipeline {s.TicksPerSecond:F0} ticks/s, ws/ui drops {s.UiDropped}"));

    private static async Task<Sample> MeasureAsync(HttpClient http, int pid, double seconds)
    {
        var cpu0 = CpuSeconds(pid);
        var ticks0 = await TicksAsync(http);
        var clock = Stopwatch.StartNew();
        var rss = new List<long>();
        var heap = new List<long>();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await Task.Delay(5000);
            rss.Add(ResidentBytes(pid));
            heap.Add(await HeapBytesAsync(http));
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var ticks = await TicksAsync(http) - ticks0;
        return new Sample(
            elapsed,
            (CpuSeconds(pid) - cpu0) / elapsed * 100,
            (long)rss.Skip(rss.Count / 2).Average(),
            (long)heap.Skip(heap.Count / 2).Average(),
            ticks / elapsed,
            await UiDroppedAsync(http));
    }

    private static async Task<long> TicksAsync(HttpClient http)
    {
        using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/stats", UriKind.Relative)));
        return stats.RootElement.GetProperty("ticks_processed").GetInt64();
    }

    private static async Task<string> UiDroppedAsync(HttpClient http)
    {
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return string.Join(' ', metrics.Split('\n').Where(l => l.StartsWith("quantpulse_ws_dropped_total", StringComparison.Ordinal) || l.StartsWith("quantpulse_ui_dropped", StringComparison.Ordinal)).Select(l => l.Split(' ')[^1]).DefaultIfEmpty("0"));
    }

    private static async Task<long> HeapBytesAsync(HttpClient http)
    {
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return metrics.Split('\n')
            .Where(l => l.StartsWith("dotnet_gc_last_collection_heap_size_bytes", StringComparison.Ordinal))
            .Sum(l => (long)double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));
    }

    private static double CpuSeconds(int pid)
    {
        // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): user and system time in clock ticks.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private sealed record Sample(double Seconds, double CpuPercent, long RssBytes, long HeapBytes, double TicksPerSecond, string UiDropped);
}
