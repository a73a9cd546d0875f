using Bunit;
using QuantPulse.Dashboard.Components.Shared;
using QuantPulse.Hosting;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Tests.Components;

public sealed class TablesTests : BunitContext
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SignalsTable_MoreRowsThanAPage_PagesThroughThemNewestFirst()
    {
        var signals = Enumerable.Range(0, 30).Select(i => Signal($"s{29 - i}", Start.AddMinutes(29 - i))).ToList();
        var table = Render<SignalsTable>(p => p.Add(c => c.Rows, signals).Add(c => c.PageSize, 25));

        Assert.Equal(25, table.FindAll("[data-testid=signal-row]").Count);
        Assert.Equal("s29", table.FindAll("[data-testid=signal-row]")[0].GetAttribute("data-id"));
        Assert.Equal("1–25 of 30", table.Find("[data-testid=signals-page]").TextContent);
        Assert.True(table.Find("[data-testid=signals-prev]").HasAttribute("disabled"));

        table.Find("[data-testid=signals-next]").Click();

        Assert.Equal(["s4", "s3", "s2", "s1", "s0"], table.FindAll("[data-testid=signal-row]").Select(r => r.GetAttribute("data-id")));
        Assert.Equal("26–30 of 30", table.Find("[data-testid=signals-page]").TextContent);
        Assert.True(table.Find("[data-testid=signals-next]").HasAttribute("disabled"));
    }

    [Fact]
    public void SignalsTable_Confirmations_AreReadableText()
    {
        var signal = Signal("s1", Start) with
        {
            Confirmations = [new SignalConfirmation("ema_cross", true, "EMA 20 crossed above EMA 50"), new SignalConfirmation("rsi_room", false, "RSI 71 is overbought")],
        };

        var table = Render<SignalsTable>(p => p.Add(c => c.Rows, [signal]));

        var items = table.FindAll(".confirmations li");
        Assert.Equal(["ema_cross: EMA 20 crossed above EMA 50", "rsi_room: RSI 71 is overbought"], items.Select(i => i.TextContent));
        Assert.Equal(["agrees", "disagrees"], items.Select(i => i.ClassName));
    }

    [Fact]
    public void SignalsTable_RowClick_RaisesTheSignal()
    {
        Signal? clicked = null;
        var table = Render<SignalsTable>(p => p.Add(c => c.Rows, [Signal("s1", Start)]).Add(c => c.RowClicked, (Signal s) => clicked = s));

        table.Find("[data-testid=signal-row]").Click();

        Assert.Equal("s1", clicked?.Id);
    }

    [Fact]
    public void TradesTable_OpenTrade_ShowsLiveUnrealisedMovementFromTheLastPrice()
    {
        var open = new TradeRecord(new Trade("t1", "s1", "SIM_V100", SignalType.Buy, 100m, 95m, 110m, Start), "ema-rsi");
        var closed = new TradeRecord(new Trade("t0", "s0", "SIM_V100", SignalType.Sell, 100m, 105m, 90m, Start) with
        {
            CloseTime = Start.AddMinutes(5),
            Result = TradeResult.Win,
            ClosePrice = 90m,
            DurationSeconds = 300,
            MovementPercentage = 10,
        }, "utbot");

        var table = Render<TradesTable>(p => p.Add(c => c.Rows, [open, closed]).Add(c => c.Prices, (string _) => 102m));

        var rows = table.FindAll("[data-testid=trade-row]");
        Assert.Contains("+2.000% (live)", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("open", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("+10.000%", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("5m 00s", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("win", rows[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TradesTable_ComputedLevels_ShowRoundedToTheAssetsTickPrecision()
    {
        var trade = new Trade("t1", "s1", "SIM_V100", SignalType.Buy, 1000.19m, 997.305218630124071m, 1005.969562739751858m, Start);

        var table = Render<TradesTable>(p => p.Add(c => c.Rows, [new TradeRecord(trade, "utbot")]).Add(c => c.Prices, (string _) => 1001.25m));

        var cells = table.FindAll("[data-testid=trade-row] td.num").Select(c => c.TextContent).ToList();
        Assert.Equal(["1000.19", "997.31", "1005.97"], cells.Take(3));
        Assert.Equal(997.305218630124071m, trade.StopLoss);
    }

    [Fact]
    public void SignalsTable_ComputedLevels_ShowRoundedToEachAssetsPrecision()
    {
        var signals = new[]
        {
            Signal("s1", Start) with { Asset = "FX", Entry = 1.08412m, StopLoss = 1.083001749m, TakeProfit = 1.0863505m },
            Signal("s2", Start) with { Entry = 1000.5m, StopLoss = 998.09999999m, TakeProfit = 1005.30000001m },
            Signal("s3", Start) with { Entry = 1000.25m, StopLoss = 998m, TakeProfit = 1004m },
        };

        var table = Render<SignalsTable>(p => p.Add(c => c.Rows, signals));

        var rows = table.FindAll("[data-testid=signal-row]");
        Assert.Equal(["1.08412", "1.08300", "1.08635"], rows[0].QuerySelectorAll("td.num").Skip(1).Take(3).Select(c => c.TextContent));
        Assert.Equal(["1000.50", "998.10", "1005.30"], rows[1].QuerySelectorAll("td.num").Skip(1).Take(3).Select(c => c.TextContent));
        Assert.Equal(["1000.25", "998.00", "1004.00"], rows[2].QuerySelectorAll("td.num").Skip(1).Take(3).Select(c => c.TextContent));
    }

    [Theory]
    [InlineData("1000.19", 2)]
    [InlineData("1000.10", 1)]
    [InlineData("1000", 0)]
    [InlineData("1.084120", 5)]
    [InlineData("1000.197729314533023", PricePrecision.MaxDecimals)]
    public void PricePrecision_Of_CountsTheDecimalsWithoutTrailingZeros(string price, int expected) =>
        Assert.Equal(expected, PricePrecision.Of(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void PricePrecision_OfSeveralTicks_TakesTheMostAndDefaultsWhenThereAreNone()
    {
        Assert.Equal(2, PricePrecision.Of([1000.1m, 1000.25m, 1001m]));
        Assert.Equal(PricePrecision.DefaultDecimals, PricePrecision.Of([]));
    }

    [Theory]
    [InlineData("997.305218630124071", 2, "997.31")]
    [InlineData("997.305", 2, "997.31")]
    [InlineData("-0.125", 2, "-0.13")]
    [InlineData("1000", 2, "1000.00")]
    [InlineData("1.5", 0, "2")]
    public void Format_PriceWithDecimals_RoundsForDisplay(string price, int decimals, string expected) =>
        Assert.Equal(expected, Format.Price(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), decimals));

    [Fact]
    public void GroupTable_WideColumns_CanWrapTheirHeadersInsteadOfWideningTheTable()
    {
        var table = Render<GroupTable>(p => p
            .Add(c => c.Name, "asset")
            .Add(c => c.Groups, [("SIM_V100", QuantPulse.Analytics.TradeStatisticsSummary.Empty)]));

        Assert.Contains("group-table", table.Find("[data-testid=by-asset]").ClassName, StringComparison.Ordinal);
        Assert.Single(table.FindAll("td.bar-cell"));
    }

    [Fact]
    public void TradeFilterBar_Changes_RaiseTheCombinedFilter()
    {
        TradeFilter? filter = null;
        var bar = Render<TradeFilterBar>(p => p
            .Add(c => c.AssetChoices, ["SIM_V100", "SIM_V25"])
            .Add(c => c.Strategies, ["ema-rsi", "utbot"])
            .Add(c => c.ValueChanged, (TradeFilter f) => filter = f));

        bar.Find("[data-testid=filter-asset]").Change("SIM_V25");
        Assert.Equal(TradeFilter.None with { Asset = "SIM_V25" }, filter);

        bar.Render(p => p.Add(c => c.Value, filter!));
        bar.Find("[data-testid=filter-result]").Change("loss");
        bar.Render(p => p.Add(c => c.Value, filter!));
        bar.Find("[data-testid=filter-from]").Change("2026-12-02");

        Assert.Equal(new TradeFilter("SIM_V25", null, "loss", new DateOnly(2026, 12, 2), null), filter);
    }

    [Fact]
    public void TradeFilterBar_ReversedDates_SaysSo()
    {
        var bar = Render<TradeFilterBar>(p => p.Add(c => c.Value, TradeFilter.None with { From = new DateOnly(2026, 12, 5), To = new DateOnly(2026, 12, 1) }));

        Assert.Equal("The start date is after the end date.", bar.Find("[role=alert]").TextContent);
    }

    [Fact]
    public void TradeFilter_ToQueries_CoversWholeUtcDaysAndMapsTheResult()
    {
        var filter = new TradeFilter("SIM_V100", "utbot", "open", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1));

        var trades = filter.ToTradeQuery();
        var signals = filter.ToSignalQuery();

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), trades.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), trades.To);
        Assert.True(trades.Open);
        Assert.Null(trades.Result);
        Assert.Equal(TradeResult.Loss, (filter with { Result = "loss" }).ToTradeQuery().Result);
        Assert.False((filter with { Result = "loss" }).ToTradeQuery().Open);
        Assert.Equal(("SIM_V100", "utbot"), (signals.Asset, signals.Strategy));
    }

    private static Signal Signal(string id, DateTimeOffset time) =>
        new(id, "SIM_V100", time, SignalType.Buy, 0.75, 100m, 98m, 104m, 2, "ema-rsi", []);
}
