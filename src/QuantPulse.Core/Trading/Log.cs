using Microsoft.Extensions.Logging;

namespace QuantPulse.Trading;

/// <summary>The trading stage's log messages; event IDs 8000–8099, never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Paper broker opened with {OpenOrders} open orders and {Positions} positions")]
    public static partial void Opened(ILogger logger, int openOrders, int positions);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "An order-update subscriber failed")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception);
}
