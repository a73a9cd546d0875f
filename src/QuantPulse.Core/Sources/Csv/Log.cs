using Microsoft.Extensions.Logging;
using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>Log messages of the CSV sources. Event ids 2100–2149 belong to them and are never reused.</summary>
internal static partial class Log
{
    /// <summary>How many rejections of one reason are logged one by one before only every 1000th is.</summary>
    public const int RejectionsLoggedInFull = 10;

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning,
        Message = "{Source} rejected a row ({Reason}, {Count} so far; after the first 10 only every 1000th is logged): {Detail}")]
    public static partial void RowRejected(ILogger logger, string source, TickRejection reason, long count, string detail);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "{Source} finished: {Accepted} ticks accepted, {Rejected} rows rejected")]
    public static partial void ReplayFinished(ILogger logger, string source, long accepted, long rejected);

    /// <summary>Whether the <paramref name="count"/>-th rejection of a reason is logged.</summary>
    public static bool ShouldLogRejection(long count) => count <= RejectionsLoggedInFull || count % 1000 == 0;
}
