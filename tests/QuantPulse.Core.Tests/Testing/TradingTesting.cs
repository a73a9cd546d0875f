using System.Text.Json;
using System.Threading.Tasks.Dataflow;
using QuantPulse.Model;
using QuantPulse.Signals;

namespace QuantPulse.Tests.Testing;

/// <summary>Builds candles, indicator values and signals for signal and simulator tests.</summary>
public static class TradingTesting
{
    /// <summary>Indicator values with exactly the given columns.</summary>
    public static IndicatorValues Values(params (string Name, double? Value)[] columns) =>
        new(new IndicatorColumns(columns.Select(c => c.Name)), [.. columns.Select(c => c.Value)]);

    /// <summary>The <paramref name="index"/>-th one-minute candle from <see cref="Ticks.Day"/> (index 0 opens at 00:00).</summary>
    public static Candle Minute(int index, decimal open, decimal high, decimal low, decimal close, string symbol = "R_100") =>
        new(symbol, Timeframe.OneMinute, Ticks.Day.AddMinutes(index), open, high, low, close, 0m, 10, IsClosed: true);

    /// <summary>A flat one-minute candle at <paramref name="close"/>.</summary>
    public static Candle Minute(int index, decimal close, string symbol = "R_100") => Minute(index, close, close, close, close, symbol);

    /// <summary>A signal raised at <paramref name="time"/> (the close time of its candle).</summary>
    public static Signal Signal(
        SignalType type, decimal entry, decimal stopLoss, decimal takeProfit, DateTimeOffset time, string asset = "R_100", string? id = null) =>
        new(
            id ?? $"test:{asset}:1m:{time.UtcTicks}",
            asset,
            time,
            type,
            1.0,
            entry,
            stopLoss,
            takeProfit,
            (double)(Math.Abs(takeProfit - entry) / Math.Abs(entry - stopLoss)),
            "test",
            [new SignalConfirmation("trigger", true, "scripted")]);

    /// <summary>Signal settings with percentage levels, so no ATR is needed.</summary>
    public static SignalBlockOptions PercentLevels(double stopPercent = 1, double targetPercent = 2, double minRiskReward = 0) => new()
    {
        RiskReward = new RiskRewardOptions
        {
            StopLossMode = RiskLevelMode.Percent,
            StopLossPercent = stopPercent,
            TakeProfitMode = RiskLevelMode.Percent,
            TakeProfitPercent = targetPercent,
            MinRiskReward = minRiskReward,
        },
    };

    /// <summary>A record as JSON: every field, lists included, so equal text means equal values.</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>Sends the batches through the block, completes it, and returns everything it produced.</summary>
    public static async Task<List<MarketBatch>> RunAsync(IPropagatorBlock<MarketBatch, MarketBatch> block, IEnumerable<MarketBatch> batches)
    {
        var output = new List<MarketBatch>();
        var sink = new ActionBlock<MarketBatch>(output.Add);
        block.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });
        foreach (var batch in batches)
        {
            Assert.True(await block.SendAsync(batch));
        }

        block.Complete();
        await sink.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        return output;
    }
}
