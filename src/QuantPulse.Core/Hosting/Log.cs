using Microsoft.Extensions.Logging;

namespace QuantPulse.Hosting;

/// <summary>Log messages of the hosting layer (event ids 1100–1199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Pipeline starting: sources {Sources}, timeframes {Timeframes}, indicators {Indicators}")]
    public static partial void PipelineStarting(ILogger logger, string sources, string timeframes, string indicators);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Pipeline stopped after {Ticks} ticks and {Candles} closed candles")]
    public static partial void PipelineStopped(ILogger logger, long ticks, long candles);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Critical, Message = "The pipeline failed, the host stops: {Error}")]
    public static partial void PipelineFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Candle closed {Symbol} {Timeframe} {OpenTime} O={Open} H={High} L={Low} C={Close} V={Volume} ticks={TickCount}")]
    public static partial void CandleClosed(
        ILogger logger,
        string symbol,
        string timeframe,
        string openTime,
        decimal open,
        decimal high,
        decimal low,
        decimal close,
        decimal volume,
        int tickCount);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Critical, Message = "Invalid configuration: {Problem}")]
    public static partial void InvalidConfiguration(ILogger logger, string problem);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Debug, Message = "The pipeline's failure in full")]
    public static partial void PipelineFailureDetail(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning, Message = "Opening the {Provider} store failed (attempt {Attempt}): {Error}; retrying in {Delay}")]
    public static partial void StoreOpenFailed(ILogger logger, string provider, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Information, Message = "Storing in the SQLite database {Path}")]
    public static partial void SqliteOpened(ILogger logger, string path);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Critical, Message = "The host failed: {Error}")]
    public static partial void HostFailed(ILogger logger, string error);
}
