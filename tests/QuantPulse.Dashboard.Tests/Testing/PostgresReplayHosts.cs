using QuantPulse.Tests.Storage.Postgres;

namespace QuantPulse.Dashboard.Tests.Testing;

/// <summary>The replay hosts of the API tests, each storing in its own database of one throwaway PostgreSQL server.</summary>
public sealed class PostgresReplayHosts : IAsyncLifetime
{
    private readonly PostgresServer _server = new();

    public ReplayFixture Replay { get; } = new();

    public ShortWindowReplayFixture ShortWindow { get; } = new();

    public TradeReplayFixture Trades { get; } = new();

    private ReplayFixture[] Hosts => [Replay, ShortWindow, Trades];

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        foreach (var host in Hosts)
        {
            host.UsePostgres(await _server.CreateDatabaseAsync());
            await host.InitializeAsync();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }

        await _server.DisposeAsync();
    }
}

/// <summary>The API tests that run against PostgreSQL share its server and run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresReplayCollection : ICollectionFixture<PostgresReplayHosts>
{
    public const string Name = "PostgreSQL replays";
}
