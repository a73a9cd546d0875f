using Microsoft.Extensions.Logging;

namespace QuantPulse.Candles;

/// <summary>Log messages of the candle stage. Event ids 2000-2099 belong to this stage and are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, EventName = "LateTicks", Level = LogLevel.Warning,
        Message = "{Count} late ticks counted and not applied so far; the latest was {Symbol} at {Time}, for a bucket that had already closed")]
    public static partial void LateTicks(ILogger logger, long count, string symbol, string time);

    [LoggerMessage(EventId = 2002, EventName = "InvalidTicks", Level = LogLevel.Warning,
        Message = "{Count} invalid ticks rejected so far (no symbol, non-positive price, negative size, or no or impossible time)")]
    public static partial void InvalidTicks(ILogger logger, long count);

    [LoggerMessage(EventId = 2003, EventName = "DuplicateTicks", Level = LogLevel.Information,
        Message = "{Count} ticks not newer than their symbol's last tick dropped so far as duplicates")]
    public static partial void DuplicateTicks(ILogger logger, long count);

    [LoggerMessage(EventId = 2004, EventName = "GapFillLimited", Level = LogLevel.Warning,
        Message = "{Count} empty buckets left unfilled so far because a gap exceeded the limit of {Limit} flat candles")]
    public static partial void GapFillLimited(ILogger logger, long count, int limit);
}
