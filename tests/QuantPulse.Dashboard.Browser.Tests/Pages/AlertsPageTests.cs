using Microsoft.Playwright;
using QuantPulse.Dashboard.Browser.Tests.Testing;

namespace QuantPulse.Dashboard.Browser.Tests.Pages;

/// <summary>The alerts page in a real browser against the real host and its simulated market.</summary>
public sealed class AlertsPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Alerts_RuleCreatedThroughTheForm_FiresOnTheSimulatedMarketAndShowsInTheFeed()
    {
        var page = await fixture.OpenAsync("/alerts", width: 1400, height: 1000);
        var form = page.GetByTestId("alert-form");
        await Assertions.Expect(form).ToBeVisibleAsync();

        await Fill(page.GetByTestId("alert-name"), "SIM_V25 above 0.01");
        await page.GetByTestId("alert-symbol").SelectOptionAsync("SIM_V25");
        await page.GetByTestId("alert-condition").SelectOptionAsync("greater_than");
        await Fill(page.GetByTestId("alert-level"), "0.01");
        await page.GetByTestId("alert-frequency").SelectOptionAsync("once");
        await page.GetByTestId("alert-create").ClickAsync();

        var row = page.GetByTestId("alert-row").Filter(new() { HasText = "SIM_V25 above 0.01" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("enabled");
        await Assertions.Expect(page.GetByTestId("alert-error")).ToHaveCountAsync(0);

        // Every simulated price is above 0.01: the rule fires on the next SIM_V25 tick and the feed shows it live.
        var trigger = page.GetByTestId("trigger-row").Filter(new() { HasText = "SIM_V25 above 0.01" });
        await Assertions.Expect(trigger).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(trigger).ToContainTextAsync("SIM_V25");
        await BrowserFixture.ScreenshotAsync(page, "alerts");
    }

    // Blazor's @bind listens to change, which typing fires only when the field loses focus.
    private static async Task Fill(ILocator input, string value)
    {
        await input.FillAsync(value);
        await input.DispatchEventAsync("change");
    }
}
