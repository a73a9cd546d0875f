using Microsoft.Extensions.Logging;

namespace QuantPulse.Distributed.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Worker {Worker} took partition {Partition} (fence {Fence})")]
    public static partial void PartitionTaken(ILogger logger, string worker, int partition, long fence);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Worker {Worker} gave partition {Partition} up after a failure")]
    public static partial void PartitionFailed(ILogger logger, Exception exception, string worker, int partition);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Ingest of {Source} ended: {Written} ticks written, {Rejected} rejected")]
    public static partial void IngestEnded(ILogger logger, string source, long written, long rejected);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Worker {Worker} handed partition {Partition} over to rebalance ({Owned} owned, {Target} its share among {Workers} workers)")]
    public static partial void PartitionHandedOver(ILogger logger, string worker, int partition, int owned, int target, int workers);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Reading the events stream failed: {Error}; retrying in {Delay}")]
    public static partial void EventsReadFailed(ILogger logger, string error, TimeSpan delay);
}
