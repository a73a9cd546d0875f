using Microsoft.Extensions.Logging;

namespace QuantPulse.Hosting;

/// <summary>Log messages of the alerts (event ids 1300–1399).</summary>
internal static partial class AlertLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Alert {RuleId} '{Name}' fired on {Symbol} at {Time}: {Message}")]
    public static partial void Fired(ILogger logger, long ruleId, string name, string symbol, string time, string message);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Alert queue full ({Capacity}): trigger of alert {RuleId} dropped ({Dropped} so far)")]
    public static partial void Dropped(ILogger logger, int capacity, long ruleId, long dropped);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Storing a trigger of alert {RuleId} failed: {Error}")]
    public static partial void StoreFailed(ILogger logger, long ruleId, string error);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Webhook delivery of trigger {TriggerId} failed after {Attempts} attempt(s): {Error}")]
    public static partial void DeliveryFailed(ILogger logger, long triggerId, int attempts, string? error);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "Alerts: {Count} rule(s) evaluated, {Configured} from configuration; webhook {Webhook}")]
    public static partial void Loaded(ILogger logger, int count, int configured, string webhook);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "An alert subscriber failed: {Error}")]
    public static partial void SubscriberFailed(ILogger logger, string error);
}
