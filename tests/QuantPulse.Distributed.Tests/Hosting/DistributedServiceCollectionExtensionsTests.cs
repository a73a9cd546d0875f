using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuantPulse.Distributed.Hosting;
using QuantPulse.Hosting;

namespace QuantPulse.Distributed.Tests.Hosting;

public sealed class DistributedServiceCollectionExtensionsTests
{
    private static readonly Dictionary<string, string?> Postgres = new()
    {
        ["QuantPulse:Distributed:Redis"] = "127.0.0.1:6379",
        ["QuantPulse:Storage:Provider"] = "Postgres",
        ["QuantPulse:Storage:ConnectionString"] = "Host=127.0.0.1;Username=qp",
    };

    [Fact]
    public void AddQuantPulseRole_NoRole_LeavesTheSingleProcessHostUnchanged()
    {
        var services = QuantPulseServices(new Dictionary<string, string?>(), out var configuration);
        var before = services.Select(d => (d.ServiceType, d.ImplementationType)).ToList();

        Assert.Null(services.AddQuantPulseRole(configuration, dashboardHost: false));

        Assert.Equal(before, services.Select(d => (d.ServiceType, d.ImplementationType)).ToList());
        Assert.Contains(services, d => d.ImplementationType?.Name == "QuantPulseWorker");
    }

    [Theory]
    [InlineData("dashboard", false, "QuantPulse:Distributed:Role: 'dashboard' runs in the dashboard host")]
    [InlineData("worker", true, "QuantPulse:Distributed:Role: 'worker' runs in the worker host")]
    [InlineData("ingester", false, "QuantPulse:Distributed:Role: 'ingester' is not a role")]
    [InlineData("archiver", true, "QuantPulse:Distributed:Role: 'archiver' runs in the worker host")]
    public void AddQuantPulseRole_RoleNotForThisHost_NamesTheRoleKey(string role, bool dashboardHost, string expected)
    {
        var services = QuantPulseServices(With(Postgres, ("QuantPulse:Distributed:Role", role)), out var configuration);

        Assert.StartsWith(expected, services.AddQuantPulseRole(configuration, dashboardHost), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("QuantPulse:Distributed:Redis", "", "QuantPulse:Distributed:Redis: the role 'worker' needs the Redis connection")]
    [InlineData("QuantPulse:Storage:Provider", "Sqlite", "QuantPulse:Storage:Provider: the role 'worker' needs the shared PostgreSQL store")]
    [InlineData("QuantPulse:Storage:Enabled", "false", "QuantPulse:Storage:Enabled: the role 'worker' needs the shared PostgreSQL store")]
    [InlineData("QuantPulse:Distributed:PartitionCount", "0", "QuantPulse:Distributed:PartitionCount: '0' is not a whole number from 1 to 4096.")]
    [InlineData("QuantPulse:Distributed:LeaseDuration", "soon", "QuantPulse:Distributed:LeaseDuration: 'soon' is not a duration")]
    [InlineData("QuantPulse:Distributed:KeyPrefix", "q p", "QuantPulse:Distributed:KeyPrefix: 'q p' may not contain spaces or ':'.")]
    public void AddQuantPulseRole_InvalidWorkerSetting_NamesTheKey(string key, string value, string expected)
    {
        var services = QuantPulseServices(With(Postgres, ("QuantPulse:Distributed:Role", "worker"), (key, value)), out var configuration);

        Assert.StartsWith(expected, services.AddQuantPulseRole(configuration, dashboardHost: false), StringComparison.Ordinal);
    }

    [Fact]
    public void AddQuantPulseRole_Worker_ReplacesThePipelineRunnerWithTheRole()
    {
        var services = QuantPulseServices(With(Postgres, ("QuantPulse:Distributed:Role", "worker")), out var configuration);

        Assert.Null(services.AddQuantPulseRole(configuration, dashboardHost: false));

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType?.Name).ToList();
        Assert.DoesNotContain("QuantPulseWorker", hosted);
        Assert.Contains(nameof(WorkerRole), hosted);
        Assert.Contains(nameof(RoleMonitor), hosted);
    }

    [Fact]
    public void AddQuantPulseRole_Archiver_RunsTheArchiverOnTheSharedStoreByDefault()
    {
        var services = QuantPulseServices(With(Postgres, ("QuantPulse:Distributed:Role", "archiver")), out var configuration);

        Assert.Null(services.AddQuantPulseRole(configuration, dashboardHost: false));

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType?.Name).ToList();
        Assert.DoesNotContain("QuantPulseWorker", hosted);
        Assert.Contains(nameof(QuantPulse.Distributed.Archive.TickArchiverService), hosted);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<QuantPulse.Distributed.Archive.ArchiverOptions>>().Value;
        Assert.Equal(Postgres["QuantPulse:Storage:ConnectionString"], options.ConnectionString);
    }

    [Theory]
    [InlineData(null, null, 8, "east")]
    [InlineData("4", "west", 4, "west")]
    public void AddQuantPulseRole_Archiver_ReadsTheRoleStreamsUnlessItsOwnSectionNamesOthers(string? ownCount, string? ownPrefix, int expectedCount, string expectedPrefix)
    {
        var values = With(Postgres, ("QuantPulse:Distributed:Role", "archiver"), ("QuantPulse:Distributed:PartitionCount", "8"), ("QuantPulse:Distributed:KeyPrefix", "east"));
        values["QuantPulse:Distributed:Archiver:PartitionCount"] = ownCount;
        values["QuantPulse:Distributed:Archiver:KeyPrefix"] = ownPrefix;
        var services = QuantPulseServices(values, out var configuration);

        Assert.Null(services.AddQuantPulseRole(configuration, dashboardHost: false));

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<QuantPulse.Distributed.Archive.ArchiverOptions>>().Value;
        Assert.Equal(expectedCount, options.PartitionCount);
        Assert.Equal(expectedPrefix, options.KeyPrefix);
    }

    [Fact]
    public void AddQuantPulseRole_Dashboard_RunsNoSourcesNoStagesAndNoStorageWrites()
    {
        var services = QuantPulseServices(With(Postgres, ("QuantPulse:Distributed:Role", "dashboard")), out var configuration);

        Assert.Null(services.AddQuantPulseRole(configuration, dashboardHost: true));

        Assert.Equal([typeof(EventsSourceFactory)], services.Where(d => d.ServiceType == typeof(ITickSourceFactory)).Select(d => d.ImplementationType));
        var contributors = services.Where(d => d.ServiceType == typeof(IPipelineContributor)).Select(d => d.ImplementationType?.Name).ToList();
        Assert.Contains(nameof(EventsStage), contributors);
        Assert.Contains("LiveMarketStateContributor", contributors);
        foreach (var removed in (string[])["IndicatorContributor", "SignalContributor", "SimulatorContributor", "StorageContributor"])
        {
            Assert.DoesNotContain(removed, contributors);
        }

        Assert.Contains(services, d => d.ImplementationType?.Name == "QuantPulseWorker");
    }

    [Fact]
    public void FindRoleProblem_IngestWithoutAnEnabledSource_NamesTheSourcesKey()
    {
        var services = QuantPulseServices(
            With(Postgres, ("QuantPulse:Distributed:Role", "ingest"), ("QuantPulse:Sources:Simulated:Enabled", "false")), out var configuration);
        Assert.Null(services.AddQuantPulseRole(configuration, dashboardHost: false));
        using var provider = services.BuildServiceProvider();

        Assert.StartsWith("QuantPulse:Sources: the ingest role needs an enabled source", provider.FindRoleProblem(), StringComparison.Ordinal);
    }

    private static ServiceCollection QuantPulseServices(Dictionary<string, string?> values, out IConfiguration configuration)
    {
        configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQuantPulse(configuration);
        return services;
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> values, params (string Key, string Value)[] more)
    {
        var all = new Dictionary<string, string?>(values);
        foreach (var (key, value) in more)
        {
            all[key] = value;
        }

        return all;
    }
}
