using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuantPulse.Distributed.Archive;

namespace QuantPulse.Distributed.Tests.Archive;

public sealed class TickArchiverServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTickArchiver_Section_BindsTheOptionsAndRunsTheArchiverAsAHostedService()
    {
        var services = new ServiceCollection().AddTickArchiver(Configuration(new()
        {
            ["QuantPulse:Distributed:Archiver:ConnectionString"] = "Host=127.0.0.1;Database=qp",
            ["QuantPulse:Distributed:Archiver:PartitionCount"] = "32",
            ["QuantPulse:Distributed:Archiver:KeyPrefix"] = "prod",
            ["QuantPulse:Distributed:Archiver:BatchSize"] = "250",
            ["QuantPulse:Distributed:Archiver:FlushInterval"] = "00:00:00.200",
            ["QuantPulse:Distributed:Archiver:RetentionDays"] = "30",
        }));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ArchiverOptions>>().Value;
        Assert.Equal("Host=127.0.0.1;Database=qp", options.ConnectionString);
        Assert.Equal(32, options.PartitionCount);
        Assert.Equal("prod", options.KeyPrefix);
        Assert.Equal(250, options.BatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.FlushInterval);
        Assert.Equal(30, options.RetentionDays);
        Assert.NotNull(provider.GetService<ArchiverMetrics>());
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(TickArchiverService));
    }

    [Fact]
    public void AddTickArchiver_NoConnectionString_FailsValidationNamingTheSection()
    {
        using var provider = new ServiceCollection()
            .AddTickArchiver(Configuration(new() { ["QuantPulse:Distributed:Archiver:BatchSize"] = "250" }))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ArchiverOptions>>().Value);
        Assert.Contains("QuantPulse:Distributed:Archiver", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
