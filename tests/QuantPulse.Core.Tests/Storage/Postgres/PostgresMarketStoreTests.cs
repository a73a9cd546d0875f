using System.Data.Common;
using Npgsql;
using QuantPulse.Model;
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
        Assert.Equal("7:1:trading", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task OpenAsync_Version2DatabaseWithTicksAtOneInstant_KeysThemWithoutLosingAny()
    {
        var fresh = await CreateDatabaseAtAsync(
            PostgresMigrator.Scripts.Take(2),
            "INSERT INTO ticks VALUES ('R_100', '2024-03-04T09:30:00Z', 1, 0, 'deriv'), ('R_100', '2024-03-04T09:30:00Z', 2, 0, 'deriv')");

        await (await PostgresMarketStore.OpenAsync(fresh)).DisposeAsync();

        await using var connection = new NpgsqlConnection(fresh);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(seq || ':' || price, ',' ORDER BY seq) FROM ticks", connection);
        Assert.Equal("0:1,1:2", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task OpenAsync_Version6DatabaseWithTicks_MovesThemToTickDataWithEveryDigitAndKey()
    {
        var fresh = await CreateDatabaseAtAsync(
            PostgresMigrator.Scripts.Where(s => s.Version != 7),
            """
            INSERT INTO ticks (symbol, "time", price, size, source, seq) VALUES
                ('R_100', '2024-03-04T09:30:00.000001Z', 1234.5600, 0.10, 'deriv', 0),
                ('R_100', '2024-03-04T09:30:00.000001Z', 79228162514264337593543950335, -0.0000000000000000000000000001, 'deriv', 1),
                ('BTCUSDT', '2024-03-04T09:30:01Z', 1.5000000000, 0, 'binance', 0)
            """);

        await using var store = await PostgresMarketStore.OpenAsync(fresh);

        var at = StorageSamples.T0.AddTicks(10);
        Tick[] stored =
        [
            new("R_100", at, 1234.5600m, 0.10m, "deriv"),
            new("R_100", at, decimal.MaxValue, -0.0000000000000000000000000001m, "deriv"),
        ];
        var read = await store.Ticks.GetRangeAsync("R_100", StorageSamples.T0, StorageSamples.T0.AddSeconds(2));
        Assert.Equal(stored, read);
        Assert.Equal(["1234.5600", "0.10"], [read[0].Price.ToString(System.Globalization.CultureInfo.InvariantCulture), read[0].Size.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal([new Tick("BTCUSDT", StorageSamples.T0.AddSeconds(1), 1.5000000000m, 0m, "binance")], await store.Ticks.GetRangeAsync("BTCUSDT", StorageSamples.T0, StorageSamples.T0.AddSeconds(2)));

        // The moved rows keep their keys: the same batch written again after the upgrade adds only its new tick.
        await store.Ticks.SaveAsync(new[] { stored[0], stored[1], new Tick("R_100", at.AddSeconds(1), 2m, 0m, "deriv") });
        Assert.Equal(3, (await store.Ticks.GetRangeAsync("R_100", StorageSamples.T0, StorageSamples.T0.AddSeconds(2))).Count);
        Assert.Equal(
            "BTCUSDT,R_100|binance,deriv|4",
            await ReadScalarTextAsync(fresh, """
                SELECT (SELECT string_agg(name, ',' ORDER BY name) FROM tick_symbols) || '|' ||
                       (SELECT string_agg(name, ',' ORDER BY name) FROM tick_sources) || '|' ||
                       (SELECT count(*) FROM tick_data)
                """));
    }

    [Fact]
    public async Task TicksSave_DecimalsOfEveryScaleSignAndLength_ReadBackWithTheSameDigitsAndScale()
    {
        // The tick writer encodes numeric itself (PostgresNumeric): every mantissa length (the 64-bit fast path, its
        // boundary and the 96-bit path), every scale 0-28, both signs and zeros with a scale.
        var random = new Random(20261206);
        List<decimal> values =
        [
            0m, 0.0000m, -0.0001m, 9999.9999m, 10000m, 0.0000000000000000000000000001m, decimal.MaxValue, decimal.MinValue,
            18446744073709551615m, 18446744073709551.615m, 18446744073709.551615m, 1844674407370955.1615m, 100.10m, 1.5000000000m,
        ];
        for (var i = 0; values.Count < 4000; i++)
        {
            var (mid, high) = (i % 4) switch
            {
                0 => (0, 0),
                1 => (random.Next(0x0041_8940), 0),
                2 => (random.Next(int.MinValue, int.MaxValue), 0),
                _ => (random.Next(int.MinValue, int.MaxValue), random.Next(int.MinValue, int.MaxValue)),
            };
            values.Add(new decimal(random.Next(int.MinValue, int.MaxValue), mid, high, random.Next(2) == 1, (byte)random.Next(29)));
        }

        var ticks = values.Select((v, i) => new Tick("R_100", StorageSamples.T0.AddTicks(10 * i), v, values[values.Count - 1 - i], "test")).ToArray();
        await Store.Ticks.SaveAsync(ticks);

        var read = await Store.Ticks.GetRangeAsync("R_100", StorageSamples.T0, StorageSamples.T0.AddSeconds(1));
        static string Text(Tick t) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t.Price}/{t.Size}");
        Assert.Equal(ticks.Select(Text), read.Select(Text));
    }

    [Theory]
    [InlineData(PostgresTickWriter.SplitFrom - 1, 1)]
    [InlineData(PostgresTickWriter.SplitFrom, 2)]
    public async Task TicksSave_BatchOfSize_IsWrittenByThatManyTransactions(int size, int transactions)
    {
        var ticks = Enumerable.Range(0, size).Select(i => StorageSamples.Tick(StorageSamples.T0.AddMilliseconds(i), i, i % 2 == 0 ? "R_10" : "R_100")).ToArray();

        await Store.Ticks.SaveAsync(ticks);

        Assert.Equal($"{size}|{transactions}", await ReadScalarTextAsync("SELECT count(*) || '|' || count(DISTINCT xmin::text) FROM tick_data"));
        Assert.Equal(ticks.Where(t => t.Symbol == "R_10"), await Store.Ticks.GetRangeAsync("R_10", StorageSamples.T0, StorageSamples.T0.AddSeconds(10)));
    }

    [Fact]
    public async Task TicksSave_NewNamesFromSeveralStoresAtOnce_GetOneIdEach()
    {
        await using var other = await PostgresMarketStore.OpenAsync(_connectionString);
        var first = StorageSamples.T0;

        await Task.WhenAll(
            Store.Ticks.SaveAsync(new[] { new Tick("NEW_1", first, 1m, 0m, "feed_a"), new Tick("NEW_2", first, 2m, 0m, "feed_b") }),
            other.Ticks.SaveAsync(new[] { new Tick("NEW_2", first.AddSeconds(1), 3m, 0m, "feed_b"), new Tick("NEW_1", first.AddSeconds(1), 4m, 0m, "feed_a") }));
        await Store.Ticks.SaveAsync(new[] { new Tick("NEW_1", first.AddSeconds(2), 5m, 0m, "feed_b") });

        Assert.Equal(
            [new Tick("NEW_1", first, 1m, 0m, "feed_a"), new Tick("NEW_1", first.AddSeconds(1), 4m, 0m, "feed_a"), new Tick("NEW_1", first.AddSeconds(2), 5m, 0m, "feed_b")],
            await other.Ticks.GetRangeAsync("NEW_1", first, first.AddSeconds(3)));
        Assert.Equal("2|2", await ReadScalarTextAsync("SELECT (SELECT count(*) FROM tick_symbols) || '|' || (SELECT count(*) FROM tick_sources)"));
    }

    [Fact]
    public async Task OpenAsync_DatabaseFromANewerVersion_IsRefused()
    {
        await ReadScalarTextAsync("INSERT INTO schema_version (version, name) VALUES (99, 'future') RETURNING name");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(OpenAsync);

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A new database that has only <paramref name="scripts"/> applied, with <paramref name="rows"/> run on it.</summary>
    private async Task<string> CreateDatabaseAtAsync(IEnumerable<QuantPulse.Storage.Internal.MigrationScript> scripts, string rows)
    {
        var fresh = await server.CreateDatabaseAsync();
        await using var setup = new NpgsqlConnection(fresh);
        await setup.OpenAsync();
        await PostgresMigrator.MigrateAsync(setup, scripts.ToList(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, default);
        await using var insert = new NpgsqlCommand(rows, setup);
        await insert.ExecuteNonQueryAsync();
        return fresh;
    }

    private static async Task<string> ReadScalarTextAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    protected override async Task CreateDatabaseAsync() => _connectionString = await server.CreateDatabaseAsync();

    protected override async Task<IMarketStore> OpenAsync() => await PostgresMarketStore.OpenAsync(_connectionString);

    protected override Task DeleteDatabaseAsync() => Task.CompletedTask;

    // Version 7 (the tick dictionary) exists on PostgreSQL only.
    protected override IReadOnlyList<(int Version, string Name)> SchemaVersions { get; } =
        [(1, "initial"), (2, "runs"), (3, "tick_key"), (4, "alerts"), (5, "trading"), (7, "tick_dictionary"), (8, "candle_source")];

    protected override string ColumnsQuery =>
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t ORDER BY ordinal_position";

    protected override async Task<DbConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
