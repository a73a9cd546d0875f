using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using QuantPulse.CircuitLoad;

namespace QuantPulse.Benchmarks.Feed;

/// <summary>
/// What open dashboard pages cost a running host: its CPU, its memory and the pipeline's throughput, first with no
/// page open, then with <c>--pages</c> market pages (each its own Blazor circuit) open in headless chromium.
/// </summary>
/// <remarks>
/// <c>circuits --url http://127.0.0.1:5099 --pid HOSTPID --pages 50 --baseline 120 --seconds 300 --path "/?tf=1m"</c>
/// (<c>bench/circuits.sh</c> starts the host, pins it and this harness to different CPUs and passes these).
/// The host is measured by <see cref="HostSampler"/> (tests/QuantPulse.CircuitLoad, whose browserless circuit client
/// is what <c>bench/circuits.sh</c> uses by default; this harness runs with <c>bench/circuits.sh --browser</c>).
/// Pages open <c>--parallel</c> at a time; each must have a live circuit and a chart that took a tick within
/// <c>--open-timeout</c> seconds. Exit code 0 when every page still has its circuit at the end, 1 when one lost it,
/// 2 when pages could not be opened.
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
        var parallel = int.Parse(Option(args, "--parallel", "5"), CultureInfo.InvariantCulture);
        var openTimeout = double.Parse(Option(args, "--open-timeout", "180"), CultureInfo.InvariantCulture);
        var path = Option(args, "--path", "/?tf=1m");
        if (!HostSampler.CanMeasure(pid))
        {
            await Console.Error.WriteLineAsync($"circuits: --pid {pid} is not a running process (give the dashboard host's process id).");
            return 2;
        }

        using var http = new HttpClient { BaseAddress = url };
        var sampler = new HostSampler(http, pid);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"no page open: measuring {baseline:F0} s …"));
        var idle = await sampler.MeasureAsync(baseline);
        Console.WriteLine(idle.Describe("no page open"));

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
        var loaded = await sampler.MeasureAsync(seconds);
        var live = 0;
        foreach (var page in open)
        {
            live += await page.Locator(".app[data-circuit=up]").CountAsync() == 1 && !await page.GetByTestId("reconnect").IsVisibleAsync() ? 1 : 0;
        }

        Console.WriteLine(loaded.Describe($"{pages} pages open ({live} still live at the end)"));
        Console.WriteLine();
        Console.WriteLine(HostSample.Table(idle, loaded, $"{pages} pages open ({live} live at the end)", pages));
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

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
