using Microsoft.Extensions.Logging;

namespace QuantPulse.Storage;

/// <summary>Log messages of the storage stage. Event ids 6000-6099 belong to this stage and are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6001, EventName = "StorageWriteFailed", Level = LogLevel.Warning,
        Message = "Writing {Items} items to storage failed (attempt {Attempt}): {Error}; retrying in {Delay}; {Backlog} accepted items are waiting")]
    public static partial void WriteFailed(ILogger logger, Exception? exception, int items, int attempt, string error, TimeSpan delay, int backlog);

    [LoggerMessage(EventId = 6002, EventName = "StorageWriteRecovered", Level = LogLevel.Information,
        Message = "Storage write succeeded after {Attempts} attempts; {Backlog} accepted items are waiting")]
    public static partial void WriteRecovered(ILogger logger, int attempts, int backlog);

    [LoggerMessage(EventId = 6003, EventName = "StorageBackPressure", Level = LogLevel.Warning,
        Message = "Storage backlog is full ({Backlog} items, capacity {Capacity}): the sink accepts no more batches until writes catch up")]
    public static partial void BackPressure(ILogger logger, int backlog, int capacity);

    [LoggerMessage(EventId = 6004, EventName = "StorageBackPressureReleased", Level = LogLevel.Information,
        Message = "Storage backlog is down to {Backlog} items: the sink accepts batches again")]
    public static partial void BackPressureReleased(ILogger logger, int backlog);

    [LoggerMessage(EventId = 6005, EventName = "StorageGaveUp", Level = LogLevel.Error,
        Message = "Giving up on storage after {Attempts} failed attempts: {Error}; the sink faults and {Backlog} accepted items are not written")]
    public static partial void GaveUp(ILogger logger, Exception? exception, int attempts, string error, int backlog);

    [LoggerMessage(EventId = 6006, EventName = "StorageSinkAborted", Level = LogLevel.Warning,
        Message = "The storage sink was aborted ({Reason}); {Backlog} accepted items are not written")]
    public static partial void Aborted(ILogger logger, string reason, int backlog);

    [LoggerMessage(EventId = 6007, EventName = "StorageSinkCompleted", Level = LogLevel.Information,
        Message = "The storage sink completed: {Candles} candles, {Signals} signals, {Trades} trade updates and {Ticks} ticks written, {Retries} retries")]
    public static partial void Completed(ILogger logger, long candles, long signals, long trades, long ticks, long retries);

    [LoggerMessage(EventId = 6010, EventName = "SchemaMigrationApplied", Level = LogLevel.Information,
        Message = "Applied {Provider} schema migration {Version} ({Name})")]
    public static partial void MigrationApplied(ILogger logger, string provider, int version, string name);

    [LoggerMessage(EventId = 6011, EventName = "RunStarted", Level = LogLevel.Information,
        Message = "Run {RunId} started ({Command}): {Parameters}")]
    public static partial void RunStarted(ILogger logger, string runId, string command, string parameters);

    [LoggerMessage(EventId = 6012, EventName = "RunFinished", Level = LogLevel.Information,
        Message = "Run {RunId} finished: {Status}")]
    public static partial void RunFinished(ILogger logger, string runId, RunStatus status);

    [LoggerMessage(EventId = 6013, EventName = "RunNotRecorded", Level = LogLevel.Warning,
        Message = "Run {RunId} could not be recorded as {Status}: {Error}")]
    public static partial void RunNotRecorded(ILogger logger, string runId, RunStatus status, string error);
}
