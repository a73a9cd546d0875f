using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using QuantPulse.Hosting;

namespace QuantPulse.Dashboard.Telemetry;

/// <summary>OpenTelemetry metrics: the QuantPulse meter plus ASP.NET Core and runtime instruments, scraped at /metrics.</summary>
internal static class TelemetryExtensions
{
    public static WebApplicationBuilder AddDashboardTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("quantpulse-dashboard"))
            .WithMetrics(m =>
            {
                m.AddMeter(QuantPulseMetrics.MeterName, QuantPulse.Distributed.Hosting.DistributedMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    // Endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* variables.
                    m.AddOtlpExporter();
                }
            });
        return builder;
    }
}
