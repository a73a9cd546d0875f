using Microsoft.Extensions.Logging;
using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>Log messages of the signal stage. Event IDs 4000–4099 belong to this stage and are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, EventName = "SignalRaised", Level = LogLevel.Information,
        Message = "Signal {SignalId}: {Strategy} {Type} {Asset} {Timeframe} at {Timestamp}, entry {Entry}, stop loss {StopLoss}, "
            + "take profit {TakeProfit}, rr {RrRatio}, confidence {Confidence}, confirmations {Confirmations}")]
    public static partial void SignalRaised(
        ILogger logger,
        string signalId,
        string strategy,
        string type,
        string asset,
        string timeframe,
        string timestamp,
        decimal entry,
        decimal stopLoss,
        decimal takeProfit,
        double rrRatio,
        double confidence,
        string confirmations);

    [LoggerMessage(EventId = 4002, EventName = "SignalDropped", Level = LogLevel.Information,
        Message = "Signal {SignalId} dropped ({Reason}): {Strategy} {Type} {Asset}, entry {Entry}, stop loss {StopLoss}, "
            + "take profit {TakeProfit}, rr {RrRatio} (minimum {MinRiskReward}), confidence {Confidence}; {DroppedSoFar} dropped for this reason so far")]
    public static partial void SignalDropped(
        ILogger logger,
        string signalId,
        SignalRejection reason,
        string strategy,
        string type,
        string asset,
        decimal entry,
        decimal stopLoss,
        decimal takeProfit,
        double rrRatio,
        double minRiskReward,
        double confidence,
        long droppedSoFar);

    [LoggerMessage(EventId = 4003, EventName = "SignalSeriesStarted", Level = LogLevel.Debug,
        Message = "Strategy {Strategy} started for {Symbol} {Timeframe}")]
    public static partial void SeriesStarted(ILogger logger, string strategy, string symbol, Timeframe timeframe);
}
