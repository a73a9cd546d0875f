using Microsoft.Extensions.Logging;
using QuantPulse.Model;

namespace QuantPulse.Simulation;

/// <summary>Log messages of the simulator stage. Event IDs 5000–5099 belong to this stage and are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, EventName = "TradeOpened", Level = LogLevel.Information,
        Message = "Trade {TradeId} opened: {Direction} {Asset} at {EntryPrice} on {OpenTime}, stop loss {StopLoss}, take profit {TakeProfit}, signal {SignalId}")]
    public static partial void TradeOpened(
        ILogger logger,
        string tradeId,
        string direction,
        string asset,
        decimal entryPrice,
        string openTime,
        decimal stopLoss,
        decimal takeProfit,
        string signalId);

    [LoggerMessage(EventId = 5002, EventName = "TradeClosed", Level = LogLevel.Information,
        Message = "Trade {TradeId} closed {Result}: {Direction} {Asset} from {EntryPrice} to {ClosePrice} on {CloseTime}, "
            + "{MovementPercentage}% in {DurationSeconds} s")]
    public static partial void TradeClosed(
        ILogger logger,
        string tradeId,
        TradeResult result,
        string direction,
        string asset,
        decimal entryPrice,
        decimal closePrice,
        string closeTime,
        double movementPercentage,
        double durationSeconds);

    [LoggerMessage(EventId = 5003, EventName = "SignalSkipped", Level = LogLevel.Information,
        Message = "Signal {SignalId} opened no trade ({Reason}): {Asset}; {SkippedSoFar} skipped for this reason so far")]
    public static partial void SignalSkipped(ILogger logger, string signalId, SkippedSignalReason reason, string asset, long skippedSoFar);

    [LoggerMessage(EventId = 5004, EventName = "OpenTradesReloaded", Level = LogLevel.Information,
        Message = "{Count} open trades reloaded and watched again")]
    public static partial void OpenTradesReloaded(ILogger logger, long count);

    [LoggerMessage(EventId = 5005, EventName = "OrphanTradeExpired", Level = LogLevel.Warning,
        Message = "Open trade {TradeId} on {Asset} closed as EXPIRED at start-up: no configured source streams {Asset} any more (closed at {CloseTime:O}, price {ClosePrice})")]
    public static partial void OrphanTradeExpired(ILogger logger, string tradeId, string asset, DateTimeOffset closeTime, decimal closePrice);
}
