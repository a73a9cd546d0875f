using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using QuantPulse.Dashboard.Components;
using QuantPulse.Dashboard.Components.Pages;
using QuantPulse.Dashboard.Tests.Testing;
using QuantPulse.Hosting;
using QuantPulse.Storage;

namespace QuantPulse.Dashboard.Tests.Components;

/// <summary>The host's services (a running dashboard) with one co-moving pair, <c>CPA</c> and <c>CPB</c>, uploaded.</summary>
public sealed class PageServices : IAsyncLifetime
{
    public const int Bars = 400;

    public DashboardFactory Factory { get; } = new();

    public IServiceProvider Services => Factory.Services;

    public async Task InitializeAsync()
    {
        var csv = OhlcFile.Csv(OhlcFile.Rows("CPA", 0, Bars), OhlcFile.Rows("CPB", 1, Bars));
        using var reader = new StringReader(csv);
        var batch = CandleUpload.ReadCsv(reader, new CandleUploadDefaults(), DateTimeOffset.UtcNow);
        var result = await Services.GetRequiredService<CandleUploads>().StoreAsync(batch);
        Assert.True(result.Stored);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class DataPagesTests : BunitContext, IClassFixture<PageServices>
{
    public DataPagesTests(PageServices host)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // An instance registration: the container does not dispose it (it has only DisposeAsync).
        Services.AddSingleton(new ChartInterop(JSInterop.JSRuntime));
        Services.AddFallbackServiceProvider(host.Services);
    }

    [Fact]
    public void Pairs_QueryWithTwoUploadedSymbols_ShowsTestsVerdictAndCharts()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/pairs?a=CPA&b=CPB&timeframe=1m");

        var page = Render<Pairs>();

        page.WaitForElement("[data-testid=adf-result]");
        Assert.NotNull(page.Find("[data-testid=pair-form]"));
        Assert.Contains("Engle-Granger, CPB on CPA", page.Find("[data-testid=adf-result]").TextContent, StringComparison.Ordinal);
        Assert.Contains("cointegrated at the 5% level", page.Find("[data-testid=pair-verdict]").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.True(int.Parse(page.Find("[data-testid=hedge-chart]").GetAttribute("data-points")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(int.Parse(page.Find("[data-testid=zscore-chart]").GetAttribute("data-points")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void Pairs_SameSymbolTwice_AsksForTwoSymbols()
    {
        var page = Render<Pairs>();

        page.Find("[data-testid=pair-a]").Change("CPA");
        page.Find("[data-testid=pair-b]").Change("CPA");
        page.Find("[data-testid=pair-form]").Submit();

        Assert.Equal("Pick two different symbols.", page.Find("[data-testid=pair-error]").TextContent);
    }

    [Fact]
    public void Backtest_PairRun_ShowsMetricsAndTrades()
    {
        var page = Render<Backtest>();

        page.Find("[data-testid=backtest-kind]").Change("pair");
        page.FindAll("[data-testid=backtest-form] select")[1].Change("1m");
        page.Find("[data-testid=backtest-a]").Change("CPA");
        page.Find("[data-testid=backtest-b]").Change("CPB");
        page.Find("[data-testid=backtest-entry]").Change("1.5");
        page.Find("[data-testid=backtest-window]").Change("30");
        page.Find("[data-testid=backtest-form]").Submit();

        page.WaitForElement("[data-testid=backtest-metrics]", TimeSpan.FromSeconds(30));
        Assert.Contains("Sharpe", page.Find("[data-testid=backtest-metrics]").TextContent, StringComparison.Ordinal);
        Assert.Contains($"{PageServices.Bars} bars in common", page.Find("[data-testid=backtest-title]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=backtest-trades] tbody tr"));
    }

    [Fact]
    public void Backtest_StrategyRun_SaysTheTicksCameFromCandles()
    {
        var page = Render<Backtest>();

        page.FindAll("[data-testid=backtest-form] select")[1].Change("1m");
        page.Find("[data-testid=backtest-symbol]").Change("CPA");
        page.Find("[data-testid=backtest-form]").Submit();

        page.WaitForElement("[data-testid=backtest-metrics]", TimeSpan.FromSeconds(30));
        Assert.Contains("derived from stored candles", page.Find("[data-testid=backtest-title]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Backtest_StrategyRun_ShowsPricesWithAtMostFiveDecimals()
    {
        var page = Render<Backtest>();

        page.FindAll("[data-testid=backtest-form] select")[1].Change("1m");
        page.Find("[data-testid=backtest-symbol]").Change("CPA");
        page.Find("[data-testid=backtest-form]").Submit();

        page.WaitForElement("[data-testid=backtest-metrics]", TimeSpan.FromSeconds(30));
        var rows = page.FindAll("[data-testid=backtest-trades] tbody tr");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var cells = row.QuerySelectorAll("td").Select(c => c.TextContent).ToArray();
            foreach (var price in cells[3..6])
            {
                Assert.Matches(@"^-?\d+(\.\d{1,5})?$", price);
            }
        }
    }

    [Fact]
    public void Data_BadUpload_ListsEveryRejectedRowAndStoresNothing()
    {
        var page = Render<Data>();
        var rows = OhlcFile.Rows("CPBAD", 0, 3).Select(r => r.Replace(",1m,", ",9m,", StringComparison.Ordinal));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(OhlcFile.Csv(rows), "bad.csv"));
        page.Find("[data-testid=upload-form]").Submit();

        page.WaitForElement("[data-testid=upload-report]");
        Assert.Contains("Nothing stored from bad.csv: 3 rejected row(s).", page.Find("[data-testid=upload-summary]").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.FindAll("[data-testid=upload-report] tbody tr").Count);
    }

    [Fact]
    public void Data_GoodUpload_StoresItAndOffersTheSymbolForExport()
    {
        var page = Render<Data>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(OhlcFile.Csv(OhlcFile.Rows("CPGOOD", 0, 5)), "good.csv"));
        page.Find("[data-testid=upload-form]").Submit();

        page.WaitForElement("[data-testid=upload-report]");
        Assert.Contains("Stored 5 candles from good.csv.", page.Find("[data-testid=upload-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains(page.FindAll("[data-testid=export-form] option"), o => o.TextContent == "CPGOOD");
    }
}
