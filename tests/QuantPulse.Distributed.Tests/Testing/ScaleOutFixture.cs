using QuantPulse.Tests.Storage.Postgres;

namespace QuantPulse.Distributed.Tests.Testing;

/// <summary>One Redis and one PostgreSQL server for all scale-out tests, which run one class at a time.</summary>
public sealed class Servers : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public PostgresServer Postgres { get; } = new();

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        await Postgres.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Postgres.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<Servers>
{
    public const string Name = "Redis and PostgreSQL";
}
