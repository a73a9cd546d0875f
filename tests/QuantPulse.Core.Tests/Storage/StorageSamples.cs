using QuantPulse.Model;

namespace QuantPulse.Tests.Storage;

/// <summary>Domain values for storage tests, with prices whose scale and digits must survive a round trip.</summary>
public static class StorageSamples
{
    public static readonly DateTimeOffset T0 = new(2024, 3, 4, 9, 30, 0, TimeSpan.Zero);

    public static Signal Signal(string id, string asset = "R_100", DateTimeOffset? at = null, SignalType type = SignalType.Buy, string strategy = "ema-rsi") =>
        new(
            id,
            asset,
            at ?? T0,
            type,
            Confidence: 2.0 / 3.0,
            Entry: 1234.5600m,
            StopLoss: type == SignalType.Buy ? 1230.01m : 1239.10m,
            TakeProfit: type == SignalType.Buy ? 1243.6600m : 1225.46m,
            RrRatio: 2.0000000000000004,
            strategy,
            [
                new SignalConfirmation("ema_cross", true, "ema_9=1234.2 > ema_21=1233.9"),
                new SignalConfirmation("rsi_side", true, "rsi_14=57.2 > 50"),
                new SignalConfirmation("trend", false, "close < ema_200 \"quoted\" ünïcode"),
            ]);

    public static Trade OpenTrade(string id, string asset = "R_100", DateTimeOffset? at = null, SignalType direction = SignalType.Buy, string? signalId = null) =>
        new(
            id,
            signalId ?? "sig-" + id,
            asset,
            direction,
            EntryPrice: 1234.57m,
            StopLoss: direction == SignalType.Buy ? 1230.01m : 1239.13m,
            TakeProfit: direction == SignalType.Buy ? 1243.69m : 1225.45m,
            OpenTime: at ?? T0);

    public static Trade Closed(Trade open, TradeResult result, TimeSpan after, double movement, decimal closePrice) => open with
    {
        CloseTime = open.OpenTime + after,
        Result = result,
        ClosePrice = closePrice,
        DurationSeconds = after.TotalSeconds,
        MovementPercentage = movement,
    };

    public static Candle Candle(DateTimeOffset openTime, string symbol = "R_100", Timeframe? timeframe = null, decimal open = 100.10m) =>
        new(symbol, timeframe ?? Timeframe.OneMinute, openTime, open, open + 1.25m, open - 0.5m, open + 0.750m, 12.5m, 42, IsClosed: true);

    public static Tick Tick(DateTimeOffset time, decimal price, string symbol = "R_100", decimal size = 0.25m) =>
        new(symbol, time, price, size, "test");
}
