using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using QuantPulse.Distributed.Archive;
using QuantPulse.Hosting;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Hosting;

/// <summary>Turns a host that called <c>AddQuantPulse</c> into one role of a scale-out deployment, by configuration.</summary>
public static class DistributedServiceCollectionExtensions
{
    /// <summary>
    /// Reads <c>QuantPulse:Distributed</c> and, when a role is set, replaces the host's single-process pipeline with
    /// that role: <c>ingest</c> (the sources into the partition streams), <c>worker</c> (partitions through the
    /// configured pipeline into PostgreSQL), <c>archiver</c> (worker host), or <c>dashboard</c> (the host's live
    /// consumers fed by the events stream; dashboard host). With no role nothing changes. Call after
    /// <c>AddQuantPulse</c>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The configuration root.</param>
    /// <param name="dashboardHost">True in the dashboard host, false in the worker host.</param>
    /// <returns>Null, or one line naming the configuration key that is invalid (the host then exits with code 2).</returns>
    public static string? AddQuantPulseRole(this IServiceCollection services, IConfiguration configuration, bool dashboardHost)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = DistributedHostOptions.Read(configuration, out var problem);
        if (problem is not null || options.Role is not { } role)
        {
            return problem;
        }

        if (FindCombinationProblem(role, configuration, dashboardHost) is { } combination)
        {
            return combination;
        }

        var status = new RoleStatus(role, options);
        services.AddSingleton(status);
        services.AddSingleton(_ => new DistributedMetrics(status));
        services.AddSingleton<IConnectionMultiplexer>(_ => Connect(options.Redis));

        // The single-process runner gives way to the role (the dashboard role keeps it: it drives the live consumers).
        if (role != DistributedRole.Dashboard)
        {
            RemoveImplementation(services, typeof(IHostedService), typeof(QuantPulseWorker));
        }

        switch (role)
        {
            case DistributedRole.Ingest:
                services.AddHostedService<IngestRole>();
                break;
            case DistributedRole.Worker:
                services.AddHostedService<WorkerRole>();
                break;
            case DistributedRole.Dashboard:
                // No pipeline of its own: no sources, no computing stages, no storage writes; the events stream
                // feeds live state, alerts, metrics and the feed. History still comes from the shared PostgreSQL.
                services.RemoveAll<ITickSourceFactory>();
                services.AddSingleton<ITickSourceFactory, EventsSourceFactory>();
                foreach (var stage in (Type[])[typeof(IndicatorContributor), typeof(SignalContributor), typeof(SimulatorContributor), typeof(StorageContributor)])
                {
                    RemoveImplementation(services, typeof(IPipelineContributor), stage);
                }

                services.AddSingleton<IPipelineContributor, EventsStage>();
                break;
            default:
                // The archive lives in the shared PostgreSQL unless the archiver names its own database, and reads
                // the streams the role's section names unless the archiver's own section says otherwise.
                services.AddTickArchiver(configuration);
                services.PostConfigure<ArchiverOptions>(o =>
                {
                    if (string.IsNullOrWhiteSpace(o.ConnectionString))
                    {
                        o.ConnectionString = configuration["QuantPulse:Storage:ConnectionString"] ?? string.Empty;
                    }

                    var own = configuration.GetSection(ArchiverOptions.SectionName);
                    o.PartitionCount = own["PartitionCount"] is null ? options.PartitionCount : o.PartitionCount;
                    o.KeyPrefix = own["KeyPrefix"] is null ? options.KeyPrefix : o.KeyPrefix;
                });
                break;
        }

        services.AddHostedService<RoleMonitor>();
        return null;
    }

    /// <summary>
    /// Checks what only the built host can tell: the ingest role needs an enabled source. Call after building the host.
    /// </summary>
    /// <param name="services">The built host's services.</param>
    /// <returns>Null, or one line naming the configuration key.</returns>
    public static string? FindRoleProblem(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<RoleStatus>() is { Role: DistributedRole.Ingest }
            && !services.GetServices<ITickSourceFactory>().Any(f => f.IsEnabled))
        {
            return "QuantPulse:Sources: the ingest role needs an enabled source (QuantPulse:Sources:<name>:Enabled).";
        }

        return null;
    }

    private static string? FindCombinationProblem(DistributedRole role, IConfiguration configuration, bool dashboardHost)
    {
        var name = DistributedRoles.Name(role);
        if (DistributedRoles.RunsInDashboardHost(role) != dashboardHost)
        {
            return DistributedRoles.RunsInDashboardHost(role)
                ? $"{DistributedHostOptions.SectionName}:Role: '{name}' runs in the dashboard host (quantpulse-dashboard), not the worker host."
                : $"{DistributedHostOptions.SectionName}:Role: '{name}' runs in the worker host (quantpulse-worker); the dashboard host takes 'dashboard' only.";
        }

        if (role is DistributedRole.Worker or DistributedRole.Dashboard or DistributedRole.Archiver)
        {
            if (string.Equals(configuration["QuantPulse:Storage:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
            {
                return $"QuantPulse:Storage:Enabled: the role '{name}' needs the shared PostgreSQL store.";
            }

            if (!string.Equals(configuration["QuantPulse:Storage:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
            {
                return $"QuantPulse:Storage:Provider: the role '{name}' needs the shared PostgreSQL store (set Postgres; SQLite is one process only).";
            }
        }

        return null;
    }

    private static void RemoveImplementation(IServiceCollection services, Type service, Type implementation)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == service && services[i].ImplementationType == implementation)
            {
                services.RemoveAt(i);
            }
        }
    }

    // Connects in the background and keeps reconnecting: a role starts (and reports not ready) while Redis is down.
    private static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(options);
    }
}
