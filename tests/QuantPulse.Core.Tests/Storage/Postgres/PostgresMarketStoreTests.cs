using System.Data.Common;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.DataProvider.PostgreSQL;
using Npgsql;
using QuantPulse.Storage;
using QuantPulse.Storage.Postgres;

namespace QuantPulse.Tests.Storage.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMarketStoreTests(PostgresServer server) : MarketStoreContractTests
{
    private string _connectionString = string.Empty;

    [Fact]
    public async Task Schema_Columns_UseExactNumericAndTimestamptzTypes()
    {
        Assert.Equal("postgres", Store.Provider);
        Assert.Equal(
            "numeric,timestamptz,double precision,jsonb",
            await ReadScalarTextAsync("""
                SELECT string_agg(t, ',' ORDER BY o) FROM (VALUES
                    ((SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'ticks'::regclass AND attname = 'price'), 1),
                    ((SELECT replace(format_type(atttypid, atttypmod), 'timestamp with time zone', 'timestamptz') FROM pg_attribute WHERE attrelid = 'trades'::regclass AND attname = 'open_time'), 2),
                    ((SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'trades'::regclass AND attname = 'movement_percentage'), 3),
                    ((SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'signals'::regclass AND attname = 'confirmations'), 4)) AS v(t, o)
                """));
    }

    [Fact]
    public async Task OpenAsync_SeveralStoresAtOnceOnAFreshDatabase_ApplyEachMigrationOnce()
    {
        var fresh = await server.CreateDatabaseAsync();

        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresMarketStore.OpenAsync(fresh))));
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(fresh);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) || ':' || min(version) || ':' || max(name) FROM schema_version", connection);
        Assert.Equal("6:1:trading", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task OpenAsync_Version2DatabaseWithTicksAtOneInstant_KeysThemWithoutLosingAny()
    {
        var fresh = await server.CreateDatabaseAsync();
        await using (var setup = new NpgsqlConnection(fresh))
        {
            await setup.OpenAsync();
            await using var db = new DataConnection(new DataOptions().UseConnection(PostgreSQLTools.GetDataProvider(PostgreSQLVersion.v15), setup));
            await PostgresMigrator.MigrateAsync(db, PostgresMigrator.Scripts.Take(2).ToList(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, default);
            await using var insert = new NpgsqlCommand(
                "INSERT INTO ticks VALUES ('R_100', '2024-03-04T09:30:00Z', 1, 0, 'deriv'), ('R_100', '2024-03-04T09:30:00Z', 2, 0, 'deriv')",
                setup);
            await insert.ExecuteNonQueryAsync();
        }

        await (await PostgresMarketStore.OpenAsync(fresh)).DisposeAsync();

        await using var connection = new NpgsqlConnection(fresh);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(seq || ':' || price, ',' ORDER BY seq) FROM ticks", connection);
        Assert.Equal("0:1,1:2", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task OpenAsync_DatabaseFromANewerVersion_IsRefused()
    {
        await ReadScalarTextAsync("INSERT INTO schema_version (version, name) VALUES (99, 'future') RETURNING name");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(OpenAsync);

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    protected override async Task CreateDatabaseAsync() => _connectionString = await server.CreateDatabaseAsync();

    protected override async Task<IMarketStore> OpenAsync() => await PostgresMarketStore.OpenAsync(_connectionString);

    protected override Task DeleteDatabaseAsync() => Task.CompletedTask;

    protected override string ColumnsQuery =>
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t ORDER BY ordinal_position";

    protected override async Task<DbConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
