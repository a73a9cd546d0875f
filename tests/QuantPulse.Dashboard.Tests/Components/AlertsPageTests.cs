using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using QuantPulse.Alerts;
using QuantPulse.Dashboard.Api;
using QuantPulse.Hosting;

namespace QuantPulse.Dashboard.Tests.Components;

/// <summary>The /alerts page on the host's services: the simulated market runs, so rules on its symbols fire.</summary>
public sealed class AlertsPageTests : BunitContext, IClassFixture<PageServices>
{
    private readonly PageServices _host;

    public AlertsPageTests(PageServices host)
    {
        _host = host;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddFallbackServiceProvider(host.Services);
    }

    private AlertService Alerts => _host.Services.GetRequiredService<AlertService>();

    private static IEnumerable<AngleSharp.Dom.IElement> Rows(IRenderedComponent<Dashboard.Components.Pages.Alerts> page, string name) =>
        page.FindAll("[data-testid=alert-row]").Where(r => r.TextContent.Contains(name, StringComparison.Ordinal));

    [Fact]
    public async Task Create_LevelMissing_ShowsTheFieldsErrorAndCreatesNothing()
    {
        var before = (await Alerts.ListAsync()).Count;
        var page = Render<Dashboard.Components.Pages.Alerts>();

        await page.Find("[data-testid=alert-name]").ChangeAsync(new ChangeEventArgs { Value = "bunit-no-level" });
        await page.Find("[data-testid=alert-condition]").ChangeAsync(new ChangeEventArgs { Value = "greater_than" });
        await page.Find("[data-testid=alert-form]").SubmitAsync();

        Assert.Equal("'level' must be a positive price.", page.Find("[data-testid=alert-error]").TextContent);
        Assert.Empty(Rows(page, "bunit-no-level"));
        Assert.Equal(before, (await Alerts.ListAsync()).Count);
    }

    [Fact]
    public async Task Create_NegativeCooldown_NamesTheCooldown()
    {
        var page = Render<Dashboard.Components.Pages.Alerts>();

        await page.Find("[data-testid=alert-level]").ChangeAsync(new ChangeEventArgs { Value = "100" });
        await page.Find("[data-testid=alert-cooldown]").ChangeAsync(new ChangeEventArgs { Value = "-5" });
        await page.Find("[data-testid=alert-form]").SubmitAsync();

        Assert.StartsWith("'cooldown_seconds'", page.Find("[data-testid=alert-error]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(await Alerts.ListAsync(), r => r.Cooldown < TimeSpan.Zero);
    }

    [Fact]
    public async Task List_CreateDisableEnableDelete_FollowsTheStoredRule()
    {
        var page = Render<Dashboard.Components.Pages.Alerts>();
        await page.Find("[data-testid=alert-name]").ChangeAsync(new ChangeEventArgs { Value = "bunit-lifecycle" });
        await page.Find("[data-testid=alert-symbol]").ChangeAsync(new ChangeEventArgs { Value = "CPA" });
        await page.Find("[data-testid=alert-condition]").ChangeAsync(new ChangeEventArgs { Value = "greater_than" });
        await page.Find("[data-testid=alert-level]").ChangeAsync(new ChangeEventArgs { Value = "1000000000" });

        await page.Find("[data-testid=alert-form]").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("enabled", Assert.Single(Rows(page, "bunit-lifecycle")).TextContent, StringComparison.Ordinal));
        var stored = Assert.Single(await Alerts.ListAsync(), r => r.Name == "bunit-lifecycle");
        Assert.Equal((AlertCondition.GreaterThan, 1e9, "CPA", true), (stored.Condition, stored.Level!.Value, stored.Symbol, stored.Enabled));

        await Assert.Single(Rows(page, "bunit-lifecycle")).QuerySelector("[data-testid=alert-toggle]")!.ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("disabled", Assert.Single(Rows(page, "bunit-lifecycle")).TextContent, StringComparison.Ordinal));
        Assert.False((await Alerts.GetAsync(stored.Id))!.Enabled);

        await Assert.Single(Rows(page, "bunit-lifecycle")).QuerySelector("[data-testid=alert-toggle]")!.ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("enabled", Assert.Single(Rows(page, "bunit-lifecycle")).TextContent, StringComparison.Ordinal));
        Assert.True((await Alerts.GetAsync(stored.Id))!.Enabled);

        await Assert.Single(Rows(page, "bunit-lifecycle")).QuerySelector("[data-testid=alert-delete]")!.ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Empty(Rows(page, "bunit-lifecycle")));
        Assert.Null(await Alerts.GetAsync(stored.Id));
    }

    [Fact]
    public async Task TriggeredFeed_RuleOnTheSimulatedMarketFires_AppearsWithoutReloading()
    {
        var symbol = _host.Services.GetRequiredService<SymbolDirectory>().List().First(s => s.Simulated).Symbol;
        var page = Render<Dashboard.Components.Pages.Alerts>();
        Assert.DoesNotContain(page.FindAll("[data-testid=trigger-row]"), r => r.TextContent.Contains("bunit-live", StringComparison.Ordinal));

        var rule = await Alerts.CreateAsync(new AlertRule
        {
            Name = "bunit-live",
            Symbol = symbol,
            Condition = AlertCondition.GreaterThan,
            Level = 0.000001,
            Frequency = AlertFrequency.Once,
            Origin = AlertOrigins.Api,
        });

        page.WaitForAssertion(
            () => Assert.Contains(
                page.FindAll("[data-testid=trigger-row]"),
                r => r.TextContent.Contains("bunit-live", StringComparison.Ordinal) && r.TextContent.Contains(symbol, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60));
        await Alerts.DeleteAsync(rule.Id);
    }
}
