using System.Diagnostics;

namespace QuantPulse.Dashboard.Telemetry;

/// <summary>
/// One structured log entry per request: method, path, status, duration and client address. Never the query string,
/// headers or body, so tokens (<c>?access_token=</c>, <c>Authorization</c>, <c>X-Api-Key</c>) stay out of the logs.
/// </summary>
internal static partial class RequestLogging
{
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("QuantPulse.Dashboard.Requests");
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var path = context.Request.Path.Value ?? "/";
                    var client = context.Connection.RemoteIpAddress?.ToString() ?? "-";
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    Request(logger, context.Request.Method, path, context.Response.StatusCode, elapsed, client);
                }
            }
        });

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "HTTP {Method} {Path} {StatusCode} in {ElapsedMs:0.000} ms from {Client}")]
    private static partial void Request(ILogger logger, string method, string path, int statusCode, double elapsedMs, string client);
}
