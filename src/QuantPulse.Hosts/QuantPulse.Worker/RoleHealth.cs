using System.Globalization;
using System.Net;
using System.Text.Json;
using QuantPulse.Distributed.Hosting;

namespace QuantPulse.Worker;

/// <summary>
/// The probes of a scale-out role: <c>GET /health</c> answers 200 while the process runs, <c>GET /health/ready</c>
/// 200 or 503 with the role's state as JSON, on <c>http://{Metrics:Host}:{Health:Port}/</c> (default port 9465).
/// Only when <c>QuantPulse:Distributed:Role</c> is set: the single-process worker opens no port for them.
/// </summary>
internal static class RoleHealth
{
    /// <summary>The probe port when <c>Health:Port</c> is not set.</summary>
    public const int DefaultPort = 9465;

    /// <summary>Adds the probe listener when a role is configured, or returns the one-line problem with its settings.</summary>
    public static string? AddRoleHealth(this HostApplicationBuilder builder)
    {
        if (!builder.Services.Any(d => d.ServiceType == typeof(RoleStatus)))
        {
            return null;
        }

        var portText = builder.Configuration["Health:Port"];
        var port = DefaultPort;
        if (!string.IsNullOrWhiteSpace(portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            return $"Health:Port: '{portText}' is not a port (1 to 65535, or 0 for no probe endpoint).";
        }

        if (port != 0)
        {
            var host = builder.Configuration["Metrics:Host"] is { Length: > 0 } h ? h : "localhost";
            var prefix = string.Create(CultureInfo.InvariantCulture, $"http://{(host == "*" ? "+" : host)}:{port}/");
            builder.Services.AddHostedService(sp => new Listener(prefix, sp.GetRequiredService<RoleStatus>()));
        }

        return null;
    }

    private sealed class Listener(string prefix, RoleStatus status) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            listener.Start();
            using var registration = stoppingToken.Register(listener.Stop);
            while (!stoppingToken.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException && stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                await AnswerAsync(context).ConfigureAwait(false);
            }
        }

        private async Task AnswerAsync(HttpListenerContext context)
        {
            using var response = context.Response;
            var path = context.Request.Url?.AbsolutePath.TrimEnd('/') ?? string.Empty;
            if (path == "/health")
            {
                response.StatusCode = 200;
                return;
            }

            if (path != "/health/ready")
            {
                response.StatusCode = 404;
                return;
            }

            var ready = status.IsReady;
            response.StatusCode = ready ? 200 : 503;
            response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(response.OutputStream, new
            {
                status = ready ? "Healthy" : "Unhealthy",
                role = DistributedRoles.Name(status.Role),
                description = status.Description,
                partitions = status.Partitions.Select(p => new { partition = p.Partition, lag = p.Lag, pending = p.Pending, owner = p.Owner }),
            }).ConfigureAwait(false);
        }
    }
}
