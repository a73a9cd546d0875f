using Microsoft.Playwright;

namespace QuantPulse.Dashboard.Browser.Tests.Testing;

/// <summary>One dashboard host and one headless Debian chromium shared by the tests of a class.</summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where screenshots are saved (kept as test artifacts).</summary>
    public static string Artifacts { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    private IPlaywright? _playwright;

    public DashboardProcess Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Assertions poll until what they expect is on the page; their limit is a hang guard like the pages' own
        // (below), not a measure of speed: Playwright's 5-s default failed a trade row that reaches the table through
        // the storage sink's batched writes when the machine was busy.
        Assertions.SetDefaultExpectTimeout(60_000);
        Directory.CreateDirectory(Artifacts);
        Host = await DashboardProcess.StartAsync(Settings);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("QUANTPULSE_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
    }

    /// <summary>Host settings on top of the test defaults (environment variable names).</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    /// <summary>A new page at <paramref name="path"/> with the circuit up (the layout has rendered interactively).</summary>
    public async Task<IPage> OpenAsync(string path, int width = 1400, int height = 900)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(new Uri(Host.Address, path).ToString());
        await page.Locator(".app[data-circuit=up]").WaitForAsync();
        return page;
    }

    /// <summary>Saves a screenshot of the page under <see cref="Artifacts"/>.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

/// <summary>A host whose simulated market starts with 15 minutes of generated history: 900 one-second candles a series.</summary>
public sealed class HistoryBrowserFixture : BrowserFixture
{
    protected override IReadOnlyDictionary<string, string>? Settings { get; } = new Dictionary<string, string>
    {
        ["QuantPulse__Sources__Simulated__History"] = "00:15:00",
    };
}
