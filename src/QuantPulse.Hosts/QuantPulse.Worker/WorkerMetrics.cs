using System.Globalization;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using QuantPulse.Distributed.Hosting;
using QuantPulse.Hosting;

namespace QuantPulse.Worker;

/// <summary>
/// The worker's metrics: the same QuantPulse meter as the dashboard, plus runtime instruments, scraped in Prometheus
/// text format at <c>http://{Metrics:Host}:{Metrics:Port}/metrics</c> (default <c>localhost:9464</c>; port 0 turns
/// the endpoint off) and pushed over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
internal static class WorkerMetrics
{
    /// <summary>The scrape port when <c>Metrics:Port</c> is not set (the Prometheus exporter's usual one).</summary>
    public const int DefaultPort = 9464;

    /// <summary>Adds the metrics, or returns the one-line problem with their settings.</summary>
    public static string? AddWorkerMetrics(this HostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var portText = configuration["Metrics:Port"];
        var port = DefaultPort;
        if (!string.IsNullOrWhiteSpace(portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            return $"Metrics:Port: '{portText}' is not a port (1 to 65535, or 0 for no metrics endpoint).";
        }

        var host = configuration["Metrics:Host"] is { Length: > 0 } h ? h : "localhost";
        if (host != "*" && host != "+" && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            return $"Metrics:Host: '{host}' is not a host name or address (use localhost, an address, or * for every interface).";
        }

        var otlp = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("quantpulse-worker"))
            .WithMetrics(m =>
            {
                m.AddMeter(QuantPulseMetrics.MeterName, DistributedMetrics.MeterName, QuantPulse.Distributed.Archive.ArchiverMetrics.MeterName).AddRuntimeInstrumentation();
                if (port != 0)
                {
                    m.AddPrometheusHttpListener(o =>
                    {
                        o.Host = host;
                        o.Port = port;
                    });
                }

                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    // Endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* variables.
                    m.AddOtlpExporter();
                }
            });
        return null;
    }
}
