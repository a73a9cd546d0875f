using Microsoft.Extensions.Logging;

namespace QuantPulse.Distributed.Internal;

internal static partial class ArchiverLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Archiver {Consumer}: {Store} failed, retrying: {Reason}")]
    public static partial void Retrying(ILogger logger, string consumer, string store, string reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Archiver {Consumer} took over {Count} pending entries of partition {Partition}")]
    public static partial void Claimed(ILogger logger, string consumer, long count, int partition);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Archive retention: detached the partitions of {Days} (before {FirstKept})")]
    public static partial void Detached(ILogger logger, string days, DateOnly firstKept);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Archiver {Consumer}: {Count} pending entries of partition {Partition} were trimmed from the stream before they were archived")]
    public static partial void Trimmed(ILogger logger, string consumer, long count, int partition);
}
