using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QuantPulse.Dashboard.Browser.Tests.Testing;

namespace QuantPulse.Dashboard.Browser.Tests.Pages;

/// <summary>The signals and trades, performance and system pages in a real browser against the real host.</summary>
public sealed class OtherPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string SignalRows = "[data-testid=signals-table] [data-testid=signal-row]";

    [Fact]
    public async Task Trades_SimulatedMarket_ShowsSignalRowsAndFiltersThem()
    {
        var page = await fixture.OpenAsync("/trades");

        // Signals arrive live once the strategies have warmed up on one-second candles.
        await page.Locator(SignalRows).First.WaitForAsync(new() { Timeout = 240_000 });
        await BrowserFixture.ScreenshotAsync(page, "trades");

        await page.GetByTestId("filter-asset").SelectOptionAsync("SIM_V25");
        await page.WaitForFunctionAsync(
            $"() => [...document.querySelectorAll('{SignalRows} td:nth-child(2)')].every(td => td.textContent === 'SIM_V25')");
        await page.GetByTestId("filter-from").FillAsync("2000-01-01");
        await page.GetByTestId("filter-to").FillAsync("2000-01-02");
        await Assertions.Expect(page.Locator(SignalRows)).ToHaveCountAsync(0);

        await page.GetByTestId("filter-to").FillAsync("");
        await page.GetByTestId("filter-asset").SelectOptionAsync("");
        await page.Locator(SignalRows).First.WaitForAsync();
        await page.Locator(SignalRows).First.Locator("td").First.ClickAsync();

        // Client-side navigation fires no load event: poll the address instead.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("symbol=SIM_V[0-9]+.*&at=[0-9]+"));
        await Assertions.Expect(page.GetByTestId("price-chart")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task System_RunningHost_ShowsLiveCounters()
    {
        var page = await fixture.OpenAsync("/system");
        var stats = page.GetByTestId("system-stats");

        await Assertions.Expect(stats).ToContainTextAsync("Ticks processed");
        await Assertions.Expect(page.GetByTestId("source-state")).ToContainTextAsync("live");
        var first = await TicksAsync(page);
        await page.WaitForFunctionAsync(
            $"() => Number(document.querySelector('[data-label=\"Ticks processed\"]').textContent.replace(/,/g, '')) > {first}");
        await BrowserFixture.ScreenshotAsync(page, "system");
    }

    [Fact]
    public async Task Performance_TradesClosing_ShowsSummaryAndDrawsTheEquityCurve()
    {
        var page = await fixture.OpenAsync("/performance");

        await Assertions.Expect(page.GetByTestId("performance-summary")).ToContainTextAsync("Win rate");
        await Assertions.Expect(page.GetByTestId("equity-chart").Locator("canvas").First).ToBeAttachedAsync();

        // The page follows the trades live: once some have closed, the curve has points and the win rate a value.
        await page.WaitForFunctionAsync(
            "() => Number(document.querySelector('[data-testid=equity-chart]').dataset.points) >= 6 /* three trades: equity and drawdown */",
            null,
            new() { Timeout = 300_000 });
        await Assertions.Expect(page.Locator("[data-label=\"Win rate\"]")).ToContainTextAsync("%");
        await Assertions.Expect(page.GetByTestId("by-strategy")).Not.ToContainTextAsync("no trades");
        await BrowserFixture.ScreenshotAsync(page, "performance");
    }

    [Fact]
    public async Task ThemeToggle_Clicked_SwitchesToLightAndBack()
    {
        var page = await fixture.OpenAsync("/?tf=1s");
        var app = page.Locator(".app");
        await Assertions.Expect(app).ToHaveAttributeAsync("data-theme", "dark");

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(app).ToHaveAttributeAsync("data-theme", "light");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=price-chart]').dataset.candles) >= 5");
        await BrowserFixture.ScreenshotAsync(page, "market-light");

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(app).ToHaveAttributeAsync("data-theme", "dark");
    }

    private static async Task<long> TicksAsync(IPage page)
    {
        var text = await page.Locator("[data-label=\"Ticks processed\"]").TextContentAsync() ?? "0";
        return long.Parse(text.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }
}
