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
}
