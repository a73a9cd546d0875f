using Microsoft.Extensions.Logging;
using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>Log messages of the indicator stage. Event IDs 3000–3099 belong to this stage and are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, EventName = "IndicatorSeriesStarted", Level = LogLevel.Debug,
        Message = "Indicators started for {Symbol} {Timeframe}: {Indicators}")]
    public static partial void SeriesStarted(ILogger logger, string symbol, Timeframe timeframe, string indicators);

    [LoggerMessage(EventId = 3002, EventName = "IndicatorCandleRejected", Level = LogLevel.Warning,
        Message = "Indicators ignored the {Symbol} {Timeframe} candle opening at {OpenTime}: {Status}")]
    public static partial void CandleRejected(
        ILogger logger, string symbol, Timeframe timeframe, string openTime, IndicatorStatus status);
}
