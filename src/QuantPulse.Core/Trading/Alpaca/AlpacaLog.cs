using Microsoft.Extensions.Logging;

namespace QuantPulse.Trading.Alpaca;

/// <summary>The Alpaca broker's log messages; event IDs 8010–8019, never reused.</summary>
internal static partial class AlpacaLog
{
    [LoggerMessage(EventId = 8010, Level = LogLevel.Warning, Message = "Alpaca answered 429; retrying in {DelayMs} ms")]
    public static partial void RateLimited(ILogger logger, long delayMs);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Warning, Message = "Alpaca trade_updates stream dropped: {Reason}")]
    public static partial void StreamDropped(ILogger logger, string reason);

    [LoggerMessage(EventId = 8012, Level = LogLevel.Error, Message = "Alpaca trade_updates stream refused the keys (unauthorized)")]
    public static partial void StreamUnauthorized(ILogger logger);
}
