using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using QuantPulse.Hosting;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Extensions;

/// <summary>
/// <c>/health</c> (the process answers) and <c>/health/ready</c> (the database answers; every source's state; in the
/// scale-out dashboard role, Redis answers and the events stream is read).
/// </summary>
internal static class HealthExtensions
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddDashboardHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag])
            .AddCheck<SourcesCheck>("sources", tags: [ReadyTag])
            .AddCheck<RoleCheck>("role", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapDashboardHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReportAsync,
        });
        return app;
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
    }

    private sealed class DatabaseCheck(IMarketStoreProvider stores) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!stores.IsEnabled)
            {
                return HealthCheckResult.Healthy("storage is disabled");
            }

            try
            {
                var store = await stores.GetStoreAsync(cancellationToken);
                await store.Candles.GetLatestAsync("health", Timeframe.OneMinute, cancellationToken);
                return HealthCheckResult.Healthy($"{store.Provider} answers");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("the database does not answer: " + ex.Message);
            }
        }
    }

    private sealed class SourcesCheck(SourceMonitor sources) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var reports = sources.GetSources();
            var data = reports.ToDictionary(r => r.Name, r => (object)Api.ApiText.Of(r.State));
            var result = reports.Count == 0
                ? HealthCheckResult.Unhealthy("the pipeline has not started", data: data)
                : reports.All(r => r.State == SourceState.Failed)
                    ? HealthCheckResult.Unhealthy("every source failed", data: data)
                    : reports.Any(r => r.State == SourceState.Failed)
                        ? HealthCheckResult.Degraded("a source failed", data: data)
                        : HealthCheckResult.Healthy($"{reports.Count} source(s)", data: data);
            return Task.FromResult(result);
        }
    }

    private sealed class RoleCheck(IServiceProvider services) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(services.GetService<QuantPulse.Distributed.Hosting.RoleStatus>() is not { } role
                ? HealthCheckResult.Healthy("one process")
                : role.IsReady
                    ? HealthCheckResult.Healthy(role.Description)
                    : HealthCheckResult.Unhealthy(role.Description));
    }
}
