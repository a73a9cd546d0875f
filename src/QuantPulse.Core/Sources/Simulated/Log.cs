using Microsoft.Extensions.Logging;

namespace QuantPulse.Sources.Simulated;

/// <summary>Log messages of the simulated market. Event ids 2150–2199 belong to it and are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2150, Level = LogLevel.Information,
        Message = "Simulated market started ({Pacing}): symbols {Symbols}, seed {Seed}, tick interval {Interval}, volatility {Volatility}")]
    public static partial void Started(ILogger logger, TickPacing pacing, string symbols, long seed, TimeSpan interval, double volatility);

    [LoggerMessage(EventId = 2151, Level = LogLevel.Information,
        Message = "Simulated market finished after {Ticks} ticks")]
    public static partial void Finished(ILogger logger, long ticks);

    [LoggerMessage(EventId = 2152, Level = LogLevel.Information,
        Message = "Simulated market resumes {Symbol} from {Price} at {Time:O}")]
    public static partial void Resumed(ILogger logger, string symbol, decimal price, DateTimeOffset time);

    [LoggerMessage(EventId = 2153, Level = LogLevel.Information,
        Message = "Simulated market generates its history for {Symbols} from {From:O} ({Steps} steps, labelled simulated)")]
    public static partial void Backfilling(ILogger logger, string symbols, DateTimeOffset from, long steps);

    [LoggerMessage(EventId = 2154, Level = LogLevel.Warning, Message = "A status observer of the simulated market failed")]
    public static partial void StatusObserverFailed(ILogger logger, Exception exception);
}
