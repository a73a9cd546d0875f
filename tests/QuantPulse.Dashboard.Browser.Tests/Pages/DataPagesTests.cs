using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using QuantPulse.Dashboard.Browser.Tests.Testing;

namespace QuantPulse.Dashboard.Browser.Tests.Pages;

/// <summary>The data, pairs and back-test pages in a real browser, on series uploaded through the data page.</summary>
public sealed class DataPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const int Bars = 400;

    [Fact]
    public async Task Data_UploadGoodAndBadFiles_ShowsTheReportRowByRow()
    {
        var page = await fixture.OpenAsync("/data", width: 1400, height: 1000);
        await UploadAsync(page, "DATA_A", "DATA_B");
        await Assertions.Expect(page.GetByTestId("upload-summary")).ToContainTextAsync($"Stored {2 * Bars} candles");

        var bad = Csv("DATA_C", 0, 3).Replace(",1m,", ",7m,", StringComparison.Ordinal);
        await page.GetByTestId("upload-file").SetInputFilesAsync(new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        await page.GetByTestId("upload-submit").ClickAsync();

        var report = page.GetByTestId("upload-report");
        await Assertions.Expect(report).ToContainTextAsync("Nothing stored from bad.csv: 3 rejected row(s).");
        await Assertions.Expect(report.Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(report.Locator("tbody tr").First).ToContainTextAsync("timeframe '7m' is not a timeframe");
        await Assertions.Expect(page.GetByTestId("export-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^api/export/"));
        await BrowserFixture.ScreenshotAsync(page, "data");
    }

    [Fact]
    public async Task Pairs_UploadedPair_DrawsHedgeAndZScoreChartsAndTheVerdict()
    {
        var upload = await fixture.OpenAsync("/data");
        await UploadAsync(upload, "PAIR_A", "PAIR_B");
        await Assertions.Expect(upload.GetByTestId("upload-summary")).ToContainTextAsync("Stored");

        var page = await fixture.OpenAsync("/pairs?a=PAIR_A&b=PAIR_B&timeframe=1m", width: 1400, height: 1000);

        await Assertions.Expect(page.GetByTestId("pair-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("adf-result")).ToContainTextAsync("Engle-Granger");
        await Assertions.Expect(page.GetByTestId("pair-verdict")).ToContainTextAsync("cointegrated", new() { IgnoreCase = true });
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=hedge-chart]').dataset.points) > 0");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=zscore-chart]').dataset.points) > 0");
        await Assertions.Expect(page.Locator("[data-testid=hedge-chart] canvas").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "pairs");
    }

    [Fact]
    public async Task Backtest_PairOnUploadedData_ShowsMetricsEquityAndTrades()
    {
        var upload = await fixture.OpenAsync("/data");
        await UploadAsync(upload, "BT_A", "BT_B");
        await Assertions.Expect(upload.GetByTestId("upload-summary")).ToContainTextAsync("Stored");

        var page = await fixture.OpenAsync("/backtest", width: 1400, height: 1000);
        await page.GetByTestId("backtest-kind").SelectOptionAsync("pair");
        await page.Locator("[data-testid=backtest-form] select").Nth(1).SelectOptionAsync("1m");
        await page.GetByTestId("backtest-a").SelectOptionAsync("BT_A");
        await page.GetByTestId("backtest-b").SelectOptionAsync("BT_B");
        await page.GetByTestId("backtest-entry").FillAsync("1.5");
        await page.GetByTestId("backtest-window").FillAsync("30");
        await page.GetByTestId("backtest-run").ClickAsync();

        var metrics = page.GetByTestId("backtest-metrics");
        await Assertions.Expect(metrics).ToContainTextAsync("Sharpe");
        await Assertions.Expect(page.GetByTestId("backtest-title")).ToContainTextAsync($"{Bars} bars in common");
        await Assertions.Expect(page.Locator("[data-testid=backtest-trades] tbody tr").First).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=backtest-equity]').dataset.points) > 0");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("backtest-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "backtest");
    }

    private static async Task UploadAsync(IPage page, string a, string b)
    {
        var csv = Csv(a, 0, Bars) + Csv(b, 1, Bars)[(Header.Length + 1)..];
        await page.GetByTestId("upload-file").SetInputFilesAsync(new FilePayload { Name = a + ".csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByTestId("upload-submit").ClickAsync();
    }

    private const string Header = "symbol,timeframe,open_time,open,high,low,close,volume,ticks";

    // b ≈ 2·a plus a fast wave: a cointegrated pair with a mean-reverting spread.
    private static string Csv(string symbol, int leg, int count)
    {
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var text = new StringBuilder(Header).Append('\n');
        decimal Close(int i)
        {
            var x = 100 + (5 * Math.Sin(i / 17.0)) + (0.01 * i);
            return Math.Round((decimal)(leg == 0 ? x : (2 * x) + (3 * Math.Sin(i / 3.1)) + (1.5 * Math.Sin(i / 7.3))), 4);
        }

        for (var i = 0; i < count; i++)
        {
            var (open, close) = (i == 0 ? Close(0) : Close(i - 1), Close(i));
            text.Append(CultureInfo.InvariantCulture, $"{symbol},1m,{start.AddMinutes(i):yyyy-MM-dd'T'HH:mm:ss'Z'},{open},{Math.Max(open, close) + 0.05m},{Math.Min(open, close) - 0.05m},{close},10,1\n");
        }

        return text.ToString();
    }
}
