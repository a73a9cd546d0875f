namespace QuantPulse.Tests.Storage.Postgres;

/// <summary>Every PostgreSQL test class shares one server per test run and runs one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
