using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QuantPulse.Dashboard.Browser.Tests.Testing;

namespace QuantPulse.Dashboard.Browser.Tests.Pages;

/// <summary>
/// The terminal in a real browser on a simulated market with 15 minutes of history: the UT Bot trailing stop is drawn,
/// and a paper order placed from the ticket fills and its P&amp;L moves with the ticks.
/// </summary>
public sealed class TerminalPageTests(HistoryBrowserFixture fixture) : IClassFixture<HistoryBrowserFixture>
{
    [Fact]
    public async Task Buy_PaperMarketOrder_OpensAPositionWhosePnlMovesWithTheTicks()
    {
        var page = await fixture.OpenAsync("/terminal");
        await Assertions.Expect(page.Locator("[data-circuit=up]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("broker-name")).ToHaveTextAsync("paper");
        await Assertions.Expect(page.GetByTestId("feed-state")).ToContainTextAsync("SIMULATED");
        await Assertions.Expect(page.GetByTestId("feed-state")).ToHaveAttributeAsync("data-state", "simulated");
        await page.GetByTestId("terminal-symbol").SelectOptionAsync("SIM_V100");
        await Assertions.Expect(page.GetByTestId("price-chart")).ToHaveAttributeAsync("data-utbot-stop", new Regex(@"^\d+(\.\d+)?(E[-+]?\d+)?$"));
        await Assertions.Expect(page.GetByTestId("utbot-legend")).ToContainTextAsync("UT Bot trailing stop");
        await Assertions.Expect(page.GetByTestId("buy-button")).ToBeEnabledAsync();

        await page.GetByTestId("order-quantity").FillAsync("3");
        await page.GetByTestId("buy-button").ClickAsync();

        await Assertions.Expect(page.GetByTestId("ticket-message")).ToContainTextAsync("BUY paper-");
        await Assertions.Expect(page.GetByTestId("orders-table").Locator("tr[data-status=filled]")).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByTestId("positions-table")).ToContainTextAsync("SIM_V100");
        var pnl = page.GetByTestId("position-pnl").First;
        var first = await pnl.TextContentAsync();
        await page.WaitForFunctionAsync(
            "before => document.querySelector('[data-testid=position-pnl]')?.textContent !== before", first, new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByTestId("account-summary")).ToContainTextAsync("Equity");
        await BrowserFixture.ScreenshotAsync(page, "terminal");
    }
}
