using Microsoft.Extensions.Logging;
using QuantPulse.Model;

namespace QuantPulse.Sources.Databento;

/// <summary>Log messages of the Databento sources. Event ids 2200–2249 (DBN replay) and 4150–4199 (live gateway) belong to them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning,
        Message = "{Source} rejected a record ({Reason}, {Count} so far; after the first 10 only every 1000th is logged): {Detail}")]
    public static partial void RecordRejected(ILogger logger, string source, TickRejection reason, long count, string detail);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information,
        Message = "{Source} finished: {Accepted} ticks accepted, {Rejected} records rejected, {Skipped} records of other schemas skipped")]
    public static partial void ReplayFinished(ILogger logger, string source, long accepted, long rejected, long skipped);

    [LoggerMessage(EventId = 4150, Level = LogLevel.Information,
        Message = "{Source} authenticated with the gateway (session {SessionId})")]
    public static partial void Authenticated(ILogger logger, string source, string sessionId);

    [LoggerMessage(EventId = 4151, Level = LogLevel.Error,
        Message = "{Source}: the gateway refused authentication: {Error}")]
    public static partial void AuthenticationRefused(ILogger logger, string source, string error);

    [LoggerMessage(EventId = 4152, Level = LogLevel.Warning,
        Message = "{Source}: the gateway sent an error: {Error}")]
    public static partial void GatewayError(ILogger logger, string source, string error);

    /// <summary>Whether the <paramref name="count"/>-th rejection of a reason is logged.</summary>
    public static bool ShouldLogRejection(long count) => count <= 10 || count % 1000 == 0;
}
