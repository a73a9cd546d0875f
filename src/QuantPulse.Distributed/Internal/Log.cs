using Microsoft.Extensions.Logging;

namespace QuantPulse.Distributed.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Worker {Worker} took partition {Partition} (fence {Fence})")]
    public static partial void PartitionTaken(ILogger logger, string worker, int partition, long fence);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Worker {Worker} gave partition {Partition} up after a failure")]
    public static partial void PartitionFailed(ILogger logger, Exception exception, string worker, int partition);
}
