using Microsoft.Extensions.Logging;

namespace QuantPulse.Hosting;

/// <summary>Log messages of the hosting layer (event ids 1100–1199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Pipeline starting: sources {Sources}, timeframes {Timeframes}, indicators {Indicators}")]
    public static partial void PipelineStarting(ILogger logger, string sources, string timeframes, string indicators);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Pipeline stopped after {Ticks} ticks and {Candles} closed candles")]
    public static partial void PipelineStopped(ILogger logger, long ticks, long candles);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Critical, Message = "Pipeline failed")]
    public static partial void PipelineFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Candle closed {Symbol} {Timeframe} {OpenTime:O} O={Open} H={High} L={Low} C={Close} V={Volume} ticks={TickCount}")]
    public static partial void CandleClosed(
        ILogger logger,
        string symbol,
        string timeframe,
        DateTimeOffset openTime,
        decimal open,
        decimal high,
        decimal low,
        decimal close,
        decimal volume,
        int tickCount);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "No tick source is enabled: enable one under QuantPulse:Sources")]
    public static partial void NoSources(ILogger logger);
}
