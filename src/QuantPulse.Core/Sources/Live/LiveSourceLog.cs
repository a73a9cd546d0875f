using Microsoft.Extensions.Logging;
using QuantPulse.Model;

namespace QuantPulse.Sources.Live;

/// <summary>Log lines of the live sources and the recorder. Event ids 4000–4099 belong here and are never reused.</summary>
internal static partial class LiveSourceLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "{Source} connection is {State} (attempt {Attempt})")]
    public static partial void StateChanged(ILogger logger, string source, ConnectionState state, int attempt);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "{Source} could not connect to {Endpoint} (attempt {Attempt}): {Error}")]
    public static partial void ConnectFailed(ILogger logger, string source, string endpoint, int attempt, string error);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Source} lost its connection after {ConnectedMs} ms: {Reason}")]
    public static partial void ConnectionLost(ILogger logger, string source, long connectedMs, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "{Source} retries in {DelayMs} ms (attempt {Attempt})")]
    public static partial void RetryScheduled(ILogger logger, string source, long delayMs, int attempt);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "{Source} gave up after {Failures} consecutive failures")]
    public static partial void GaveUp(ILogger logger, string source, int failures);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "{Source} refused symbol {Symbol}: {Code} {ErrorMessage}; the other symbols go on")]
    public static partial void SymbolRefused(ILogger logger, string source, string symbol, string code, string errorMessage);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "{Source} rejected input ({Reason}, {Count} so far, {Suppressed} similar lines suppressed): {Detail}")]
    public static partial void InputRejected(ILogger logger, string source, TickRejection reason, long count, long suppressed, string detail);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug, Message = "{Source} dropped a duplicate tick ({Count} so far, {Suppressed} similar lines suppressed): {Detail}")]
    public static partial void DuplicateDropped(ILogger logger, string source, long count, long suppressed, string detail);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "{Source} tick buffer is full ({Capacity} ticks): the reader is slower than the feed ({Count} times so far, {Suppressed} similar lines suppressed)")]
    public static partial void BufferFull(ILogger logger, string source, int capacity, long count, long suppressed);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "{Source} back-filled {Count} ticks for {Symbol}")]
    public static partial void BackfillCompleted(ILogger logger, string source, string symbol, int count);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "{Source} could not back-fill {Symbol} completely: {Detail}")]
    public static partial void BackfillGap(ILogger logger, string source, string symbol, string detail);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "{Source} received nothing for {SilenceMs} ms; dropping the connection")]
    public static partial void StallDetected(ILogger logger, string source, long silenceMs);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "{Source} is replacing its connection after {LifetimeMinutes} minutes, before the venue's limit")]
    public static partial void RotationStarted(ILogger logger, string source, long lifetimeMinutes);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Information, Message = "{Source} switched to its new connection")]
    public static partial void RotationCompleted(ILogger logger, string source);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "{Source} could not open a replacement connection ({Error}); keeping the current one and trying again in {DelayMs} ms")]
    public static partial void RotationFailed(ILogger logger, string source, string error, long delayMs);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Warning, Message = "{Source} received error {Code}: {ErrorMessage}")]
    public static partial void ServerError(ILogger logger, string source, string code, string errorMessage);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Debug, Message = "{Source} could not send a keep-alive: {Error}")]
    public static partial void KeepAliveFailed(ILogger logger, string source, string error);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Warning, Message = "{Source} was rate-limited by {Endpoint}; retrying in {DelayMs} ms")]
    public static partial void RateLimited(ILogger logger, string source, string endpoint, long delayMs);

    [LoggerMessage(EventId = 4018, Level = LogLevel.Warning, Message = "{Source} status subscriber threw")]
    public static partial void ObserverFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Information, Message = "Recording ticks from {Source}")]
    public static partial void RecordingStarted(ILogger logger, string source);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Information, Message = "Recorded {Count} ticks from {Source} ({StopReason})")]
    public static partial void RecordingStopped(ILogger logger, string source, long count, TickRecordingStopReason stopReason);
}
