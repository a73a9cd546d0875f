using Microsoft.Playwright;
using QuantPulse.Dashboard.Browser.Tests.Testing;

namespace QuantPulse.Dashboard.Browser.Tests.Pages;

/// <summary>The host going away under an open page: its own host, so the restart disturbs no other test.</summary>
public sealed class CircuitRestartTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Chart = "document.querySelector('[data-testid=price-chart]')";

    [Fact]
    public async Task Circuit_ServerRestarted_SaysReconnectingAndRecoversByItself()
    {
        var page = await fixture.OpenAsync("/?symbol=SIM_V100&tf=1s");
        await page.WaitForFunctionAsync($"() => Number({Chart}.dataset.candles) >= 3");
        var banner = page.GetByTestId("reconnect");
        await page.EvaluateAsync("() => { window.qpBeforeRestart = true; }");

        // The process dies with every circuit and socket it held; the page notices on its own.
        await fixture.Host.StopAsync();
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(banner).ToContainTextAsync("reconnecting");
        await BrowserFixture.ScreenshotAsync(page, "reconnecting");

        // The new process does not know the old circuit: the page reloads itself (nothing here reloads it) and
        // runs on a new circuit, with the same address, live again.
        await fixture.Host.StartAgainAsync();
        await page.WaitForFunctionAsync(
            "() => window.qpBeforeRestart === undefined && document.querySelector('.app[data-circuit=up]') !== null",
            null,
            new() { Timeout = 120_000 });
        await Assertions.Expect(banner).ToBeHiddenAsync();
        Assert.Contains("symbol=SIM_V100", page.Url, StringComparison.Ordinal);
        await page.WaitForFunctionAsync($"() => Number({Chart}.dataset.ticks) > 0");
        var ticks = await page.GetByTestId("price-chart").GetAttributeAsync("data-ticks");
        await page.WaitForFunctionAsync($"() => Number({Chart}.dataset.ticks) > {ticks}");
        await Assertions.Expect(page.GetByTestId("source-state")).ToContainTextAsync("live");
    }
}

/// <summary>Scrolling the price chart back past its first candle loads older ones from the store.</summary>
public sealed class ChartHistoryTests(HistoryBrowserFixture fixture) : IClassFixture<HistoryBrowserFixture>
{
    [Fact]
    public async Task Market_ScrolledBack_LoadsOlderCandles()
    {
        var page = await fixture.OpenAsync("/?symbol=SIM_V25&tf=1s");
        var chart = page.GetByTestId("price-chart");

        // The first load is the latest 500 one-second candles of the 900 the generated history made.
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=price-chart]').dataset.candles) >= 500");
        var first = long.Parse(await chart.GetAttributeAsync("data-candles") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(first, 500, 520);

        // Drag the chart to the right (back in time) until its first candle comes into view.
        var box = await chart.BoundingBoxAsync() ?? throw new InvalidOperationException("the chart has no box");
        var y = box.Y + (box.Height / 3);
        for (var drag = 0; drag < 8 && await CandlesAsync(chart) <= 520; drag++)
        {
            await page.Mouse.MoveAsync(box.X + 100, y);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(box.X + box.Width - 100, y, new() { Steps = 20 });
            await page.Mouse.UpAsync();
            await page.WaitForTimeoutAsync(300);
        }

        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=price-chart]').dataset.candles) >= 850");
        await BrowserFixture.ScreenshotAsync(page, "market-history");
    }

    private static async Task<long> CandlesAsync(ILocator chart) =>
        long.Parse(await chart.GetAttributeAsync("data-candles") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
}
