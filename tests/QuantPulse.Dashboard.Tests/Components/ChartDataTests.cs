using QuantPulse.Dashboard.Components.Shared;
using QuantPulse.Model;
using QuantPulse.Signals;

namespace QuantPulse.Dashboard.Tests.Components;

public sealed class ChartDataTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Markers_ManySignalsInOneCandle_MergeIntoOneMarkerThatListsThemAll()
    {
        var signals = Enumerable.Range(0, 5)
            .Select(i => Signal($"s{i}", Start.AddMinutes(i), SignalType.Buy))
            .Append(Signal("s9", Start.AddMinutes(20), SignalType.Buy))
            .ToList();

        var (markers, texts) = ChartData.Markers(Timeframe.Parse("15m"), signals, []);

        Assert.Equal(2, markers.Count);
        Assert.StartsWith("5 in this candle: BUY signal", texts[markers[0].Id], StringComparison.Ordinal);
        Assert.StartsWith("BUY signal", texts[markers[1].Id], StringComparison.Ordinal);
    }

    [Fact]
    public void Markers_BuyAndSellInOneCandle_StayApart()
    {
        var signals = new[] { Signal("b", Start, SignalType.Buy), Signal("s", Start.AddMinutes(1), SignalType.Sell) };

        var (markers, _) = ChartData.Markers(Timeframe.Parse("15m"), signals, []);

        Assert.Equal(["arrowUp", "arrowDown"], markers.Select(m => m.Shape));
    }

    [Fact]
    public void Markers_HoverText_ShowsLevelsAtTheSymbolsPrecision()
    {
        var signal = Signal("s1", Start, SignalType.Buy) with { Entry = 1000.19m, StopLoss = 997.305218630124071m, TakeProfit = 1005.969562739751858m };

        var (markers, texts) = ChartData.Markers(Timeframe.Parse("1m"), [signal], []);

        Assert.EndsWith("entry 1000.19 · SL 997.31 · TP 1005.97", texts[markers[0].Id], StringComparison.Ordinal);
    }

    [Fact]
    public void Markers_ClosedTrade_TellsTheResultOnHoverNotAsALabel()
    {
        var trade = new Trade("t1", "s1", "SIM_V100", SignalType.Buy, 1000.19m, 997.305218630124071m, 1005.969562739751858m, Start) with
        {
            CloseTime = Start.AddMinutes(3),
            Result = TradeResult.Loss,
            ClosePrice = 997.2m,
            MovementPercentage = -0.3,
        };

        var (markers, texts) = ChartData.Markers(Timeframe.Parse("1m"), [], [trade]);

        Assert.Equal(["circle", "square"], markers.Select(m => m.Shape));
        Assert.All(markers, m => Assert.Equal(string.Empty, m.Text));
        Assert.Equal("trade closed (loss) at 997.20 · -0.3%", texts[markers[1].Id]);
    }

    [Fact]
    public void Markers_UtBotCrossings_ArrowsWithoutLabelsThatSayTheStopOnHover()
    {
        UtBotPoint[] crossings =
        [
            new(Start, 1000.5, SignalType.Buy),
            new(Start.AddMinutes(1), 1001, null),
            new(Start.AddMinutes(2), 1002.25, SignalType.Sell),
        ];

        var (markers, texts) = ChartData.Markers(Timeframe.Parse("1m"), [], [], crossings);

        Assert.Equal(["arrowUp", "arrowDown"], markers.Select(m => m.Shape));
        Assert.Equal(["belowBar", "aboveBar"], markers.Select(m => m.Position));
        Assert.All(markers, m => Assert.Equal(string.Empty, m.Text));
        Assert.Equal("UT Bot sell: the close crossed below the trailing stop 1,002.25", texts[markers[1].Id]);
    }

    [Fact]
    public void UtBotLine_ThickLabelledSteps_InAColourNoIndicatorLineUses()
    {
        var indicatorColours = ChartData.Lines(["ema_20", "ema_50", "ema_100", "ema_200", "bb_upper_20_2", "bb_middle_20_2", "bb_lower_20_2", "rsi_14", "macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9"])
            .Select(l => l.Color)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var line = ChartData.UtBotLine;

        Assert.True(line.Width >= 2);
        Assert.True(line.Steps);
        Assert.Equal(0, line.Pane);
        Assert.False(string.IsNullOrEmpty(line.Label));
        Assert.DoesNotContain(line.Color, indicatorColours);
        Assert.NotNull(line.LightColor);
        Assert.DoesNotContain(line.LightColor, indicatorColours);
    }

    private static Signal Signal(string id, DateTimeOffset time, SignalType type) =>
        new(id, "SIM_V100", time, type, 0.75, 100m, 98m, 104m, 2, "ema-rsi", []);
}
