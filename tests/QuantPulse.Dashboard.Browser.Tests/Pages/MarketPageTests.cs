using Microsoft.Playwright;
using QuantPulse.Dashboard.Browser.Tests.Testing;

namespace QuantPulse.Dashboard.Browser.Tests.Pages;

/// <summary>The market page in a real browser against the real host with the simulated market.</summary>
public sealed class MarketPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Market_WithSimulatedTicks_DrawsCandlesThatUpdate()
    {
        var page = await fixture.OpenAsync("/?symbol=SIM_V100&tf=1s");
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        var chart = page.GetByTestId("price-chart");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=price-chart]').dataset.candles) >= 3");
        var ticks = int.Parse(await chart.GetAttributeAsync("data-ticks") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-testid=price-chart]').dataset.ticks) > {ticks}");
        Assert.True(await chart.Locator("canvas").CountAsync() > 0);
        await Assertions.Expect(page.GetByTestId("simulated-label")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("source-state")).ToContainTextAsync("live");
        await BrowserFixture.ScreenshotAsync(page, "market");

        // The crosshair legend writes open, high, low and close with the same decimals: the symbol's precision.
        var legend = await page.Locator(".chart-legend").TextContentAsync() ?? string.Empty;
        var decimals = System.Text.RegularExpressions.Regex.Matches(legend, @"[OHLC] [0-9,]+(\.[0-9]+)?").Select(m => m.Groups[1].Value.Length).ToList();
        Assert.Equal(4, decimals.Count);
        Assert.Single(decimals.Distinct());

        await page.GetByTestId("symbol-picker").SelectOptionAsync("SIM_V25");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-symbol", "SIM_V25");
        await page.GetByTestId("timeframe-picker").SelectOptionAsync("1m");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-timeframe", "1m");
        Assert.Contains("symbol=SIM_V25", page.Url, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Buy_WithDefaultLevels_OpensAManualTradeShownOnTheChartAndInTheTable()
    {
        var page = await fixture.OpenAsync("/?symbol=SIM_V25&tf=1s");

        // The default levels need the ATR of the latest candles: wait until there are enough.
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=price-chart]').dataset.candles) >= 20", null, new() { Timeout = 120_000 });
        await page.GetByTestId("buy-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stop-loss")).Not.ToHaveValueAsync("");
        await Assertions.Expect(page.GetByTestId("take-profit")).Not.ToHaveValueAsync("");
        await page.GetByTestId("confirm-trade").ClickAsync();

        await Assertions.Expect(page.GetByTestId("trade-message")).ToContainTextAsync("opens at the next tick");
        await Assertions.Expect(page.GetByTestId("open-trade")).ToContainTextAsync("BUY at");
        await BrowserFixture.ScreenshotAsync(page, "market-buy");

        await page.GetByRole(AriaRole.Link, new() { Name = "Signals & trades" }).ClickAsync();
        var manual = page.Locator("[data-testid=trades-table] [data-testid=trade-row]", new() { HasText = "manual" });
        await Assertions.Expect(manual.First).ToContainTextAsync("BUY");
        await Assertions.Expect(manual.First).ToContainTextAsync("SIM_V25");
    }

    [Fact]
    public async Task Circuit_ConnectionDropped_ReconnectsAndKeepsUpdating()
    {
        var page = await fixture.OpenAsync("/?symbol=SIM_V100&tf=1s");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=price-chart]').dataset.ticks) > 0");
        var banner = page.GetByTestId("reconnect");

        await page.Context.SetOfflineAsync(true);
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(banner).ToContainTextAsync("reconnecting");
        await page.Context.SetOfflineAsync(false);

        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 60_000 });
        var ticks = await page.GetByTestId("price-chart").GetAttributeAsync("data-ticks");
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-testid=price-chart]').dataset.ticks) > {ticks}");
    }
}
