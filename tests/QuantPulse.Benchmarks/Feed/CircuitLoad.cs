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
/// <c>circuits --url http://127.0.0.1:5099 --pid HOSTPID --pages 50 --baseline 120 --seconds 300 --path "/?tf=1m"</c>
/// (<c>bench/circuits.sh</c> starts the host, pins it and this harness to different CPUs and passes these).
/// CPU time and resident memory come from <c>/proc/HOSTPID</c>; the managed heap from the host's <c>/metrics</c>
/// (<c>dotnet_gc_last_collection_heap_size_bytes</c>: the heap after the host's last collection, averaged over the
/// second half of a phase); throughput is the growth of <c>ticks_processed</c> in <c>/api/stats</c> over each phase.
/// Pages open <c>--parallel</c> at a time; each must have a live circuit and a chart that took a tick within
/// <c>--open-timeout</c> seconds. Exit code 0 when every page still has its circuit at the end, 1 when one lost it,
/// 2 when pages could not be opened.
/// </remarks>
internal static class CircuitLoad
{
    private const int SampleMilliseconds = 5000;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(Option(args, "--url", "http://127.0.0.1:5099"));
        var pid = int.Parse(Option(args, "--pid", "0"), CultureInfo.InvariantCulture);
        var pages = int.Parse(Option(args, "--pages", "50"), CultureInfo.InvariantCulture);
        var baseline = double.Parse(Option(args, "--baseline", "120"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option(args, "--seconds", "300"), CultureInfo.InvariantCulture);
        var parallel = int.Parse(Option(args, "--parallel", "5"), CultureInfo.InvariantCulture);
        var openTimeout = double.Parse(Option(args, "--open-timeout", "180"), CultureInfo.InvariantCulture);
        var path = Option(args, "--path", "/?tf=1m");
        if (pid <= 0 || !File.Exists($"/proc/{pid}/stat"))
        {
            await Console.Error.WriteLineAsync($"circuits: --pid {pid} is not a running process (give the dashboard host's process id).");
            return 2;
        }

        using var http = new HttpClient { BaseAddress = url };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"no page open: measuring {baseline:F0} s …"));
        var idle = await MeasureAsync(http, pid, baseline);
        Report("no page open", idle);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("QUANTPULSE_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
        var opening = Stopwatch.StartNew();
        IPage[] open;
        try
        {
            open = await OpenAsync(browser, new Uri(url, path), pages, parallel, openTimeout);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await Console.Error.WriteLineAsync($"circuits: the pages could not all be opened with a live chart: {ex.Message.Split('\n')[0]}");
            return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pages} pages open, every chart took a tick, in {opening.Elapsed.TotalSeconds:F0} s; measuring {seconds:F0} s …"));
        var loaded = await MeasureAsync(http, pid, seconds);
        var live = 0;
        foreach (var page in open)
        {
            live += await page.Locator(".app[data-circuit=up]").CountAsync() == 1 && !await page.GetByTestId("reconnect").IsVisibleAsync() ? 1 : 0;
        }

        Report($"{pages} pages open ({live} still live at the end)", loaded);
        Summary(idle, loaded, pages, live);
        return live == pages ? 0 : 1;
    }

    /// <summary>Opens the pages a few at a time; each has a live circuit and a chart that drew a tick.</summary>
    private static async Task<IPage[]> OpenAsync(IBrowser browser, Uri address, int pages, int parallel, double timeoutSeconds)
    {
        using var gate = new SemaphoreSlim(Math.Max(1, parallel));
        var timeout = (float)(timeoutSeconds * 1000);
        var tasks = Enumerable.Range(0, pages).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
                page.SetDefaultTimeout(timeout);
                await page.GotoAsync(address.ToString());
                await page.Locator(".app[data-circuit=up]").WaitForAsync();
                await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=price-chart]')?.dataset.ticks) > 0", null, new() { Timeout = timeout });
                return page;
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(tasks);
    }

    private static void Report(string phase, Sample s) => Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{phase}: {s.Seconds:F0} s, host CPU {s.CpuSeconds:F1} s ({s.CpuPercent:F1}% of one core), resident {s.RssBytes / 1048576.0:F1} MiB, managed heap {s.HeapBytes / 1048576.0:F1} MiB, pipeline {s.TicksPerSecond:F0} ticks/s, ws/ui drops {s.UiDropped}"));

    /// <summary>The table for docs/benchmarks.md: both phases and what one circuit adds.</summary>
    private static void Summary(Sample idle, Sample loaded, int pages, int live)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| | measured | host CPU time | host CPU (of one core) | resident | managed heap | pipeline ticks/s | feed/UI drops |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(c, $"| no page open | {idle.Seconds:F0} s | {idle.CpuSeconds:F1} s | {idle.CpuPercent:F1} % | {idle.RssBytes / 1048576.0:F1} MiB | {idle.HeapBytes / 1048576.0:F1} MiB | {idle.TicksPerSecond:N0} | {idle.UiDropped} |"));
        Console.WriteLine(string.Create(c, $"| {pages} pages open ({live} live at the end) | {loaded.Seconds:F0} s | {loaded.CpuSeconds:F1} s | {loaded.CpuPercent:F1} % | {loaded.RssBytes / 1048576.0:F1} MiB | {loaded.HeapBytes / 1048576.0:F1} MiB | {loaded.TicksPerSecond:N0} | {loaded.UiDropped} |"));
        Console.WriteLine(string.Create(c, $"| per circuit | | | {(loaded.CpuPercent - idle.CpuPercent) / pages:F2} % | {(loaded.RssBytes - idle.RssBytes) / pages / 1024.0:F0} KiB | {(loaded.HeapBytes - idle.HeapBytes) / pages / 1024.0:F0} KiB | {(idle.TicksPerSecond > 0 ? (loaded.TicksPerSecond / idle.TicksPerSecond * 100) - 100 : 0):+0.0;-0.0;0.0} % (all pages) | |"));
    }

    private static async Task<Sample> MeasureAsync(HttpClient http, int pid, double seconds)
    {
        var cpu0 = CpuSeconds(pid);
        var ticks0 = await TicksAsync(http);
        var clock = Stopwatch.StartNew();
        var rss = new List<long>();
        var heap = new List<long>();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(SampleMilliseconds, Math.Max(1, (seconds - clock.Elapsed.TotalSeconds) * 1000))));
            rss.Add(ResidentBytes(pid));
            heap.Add(await HeapBytesAsync(http));
        }

        var ticks = await TicksAsync(http) - ticks0;
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = CpuSeconds(pid) - cpu0;
        return new Sample(
            elapsed,
            cpu,
            cpu / elapsed * 100,
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

    private sealed record Sample(double Seconds, double CpuSeconds, double CpuPercent, long RssBytes, long HeapBytes, double TicksPerSecond, string UiDropped);
}
