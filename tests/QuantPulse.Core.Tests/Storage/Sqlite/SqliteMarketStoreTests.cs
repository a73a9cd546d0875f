using System.Data.Common;
using Microsoft.Data.Sqlite;
using QuantPulse.Storage;
using QuantPulse.Storage.Sqlite;

namespace QuantPulse.Tests.Storage.Sqlite;

public sealed class SqliteMarketStoreTests : MarketStoreContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "quantpulse-sqlite-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "nested", "quantpulse.db");

    [Fact]
    public async Task OpenAsync_NewPath_CreatesTheFileAndFolderInWalMode()
    {
        Assert.True(File.Exists(DatabasePath));
        Assert.Equal("wal", await ReadScalarTextAsync("PRAGMA journal_mode"));
        Assert.Equal("sqlite", Store.Provider);
        Assert.Equal(DatabasePath, ((SqliteMarketStore)Store).Path);
    }

    [Fact]
    public async Task Storage_TimesAndDecimals_AreFixedWidthUtcTextAndExactDecimalText()
    {
        await Store.Ticks.SaveAsync(new[] { StorageSamples.Tick(new DateTimeOffset(2024, 3, 4, 11, 30, 0, TimeSpan.FromHours(2)).AddTicks(5), 1234.5600m) });

        Assert.Equal("2024-03-04T09:30:00.000000Z|1234.5600|text", await ReadScalarTextAsync("SELECT time || '|' || price || '|' || typeof(price) FROM ticks"));
    }

    [Fact]
    public async Task OpenAsync_DatabaseFromANewerVersion_IsRefused()
    {
        await ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'future', '2030-01-01T00:00:00.000Z')");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(OpenAsync);

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_SeveralStoresAtOnce_ApplyEachMigrationOnce()
    {
        await Store.DisposeAsync();
        File.Delete(DatabasePath);

        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(OpenAsync)));
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        Assert.Equal([(1, "initial"), (2, "runs"), (3, "tick_key"), (4, "alerts"), (5, "trading"), (8, "candle_source")], await ReadSchemaVersionsAsync());
    }

    [Fact]
    public async Task OpenAsync_Version1DatabaseWithRows_MigratesThemIntoTheSharedScope()
    {
        await SeedOlderDatabaseAsync(
            [SqliteMigrator.Scripts[0]],
            """
            INSERT INTO signals VALUES ('s1', 'R_100', '2024-03-04T09:30:00.000000Z', 'BUY', 0.5, '100', '99', '102', 2.0, 'utbot', '[]');
            INSERT INTO trades VALUES ('trade:s1', 's1', 'R_100', '100', '99', '102', '2024-03-04T09:31:00.000000Z', NULL, NULL, NULL, NULL, NULL);
            """);

        await using var store = await OpenAsync();

        Assert.Equal("utbot", (await store.Signals.GetAsync("s1"))!.Strategy);
        Assert.Equal("trade:s1", Assert.Single(await store.Trades.GetOpenTradesAsync()).Id);
        Assert.Equal("|", await ReadScalarTextAsync("SELECT run_id || '|' || run_scope FROM trades"));
    }

    [Fact]
    public async Task OpenAsync_Version2DatabaseWithTicksAtOneInstant_KeysThemWithoutLosingAny()
    {
        await SeedOlderDatabaseAsync(
            SqliteMigrator.Scripts.Take(2).ToList(),
            """
            INSERT INTO ticks VALUES ('R_100', '2024-03-04T09:30:00.000000Z', '1', '0', 'deriv');
            INSERT INTO ticks VALUES ('R_100', '2024-03-04T09:30:00.000000Z', '2', '0', 'deriv');
            """);

        await using var store = await OpenAsync();

        Assert.Equal("0:1,1:2", await ReadScalarTextAsync("SELECT group_concat(seq || ':' || price, ',') FROM (SELECT * FROM ticks ORDER BY seq)"));
    }

    [Fact]
    public async Task OpenAsync_Version5DatabaseWithCandles_KeepsThemWithoutSourceAndStoresUploadsWithOne()
    {
        await SeedOlderDatabaseAsync(
            SqliteMigrator.Scripts.Where(s => s.Version <= 5).ToList(),
            "INSERT INTO candles VALUES ('R_100', '1m', '2024-03-04T09:30:00.000000Z', '1', '2', '0.5', '1.5', '10', 3)");

        await using var store = await OpenAsync();
        var kept = Assert.Single(await store.Candles.GetRangeAsync("R_100", QuantPulse.Model.Timeframe.OneMinute, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100)));
        await store.Candles.SaveAsync([kept with { Symbol = "UPLOADED" }], CandleUpload.Source);

        Assert.Equal(1.5m, kept.Close);
        Assert.Equal(["UPLOADED"], await store.Candles.GetSymbolsAsync(CandleUpload.Source));
        Assert.Equal("R_100:null,UPLOADED:upload", await ReadScalarTextAsync("SELECT group_concat(symbol || ':' || COALESCE(source, 'null'), ',') FROM (SELECT * FROM candles ORDER BY symbol)"));
    }

    [Fact]
    public async Task Migrate_ScriptBelowTheNewestApplied_IsAppliedOnceWhenItArrives()
    {
        // Versions are reserved per feature: a database may hold 8 before a release brings 6.
        var late = new QuantPulse.Storage.Internal.MigrationScript(6, "late", "CREATE TABLE late_table (x INTEGER)");
        List<QuantPulse.Storage.Internal.MigrationScript> scripts = [.. SqliteMigrator.Scripts.Where(s => s.Version < 6), late, .. SqliteMigrator.Scripts.Where(s => s.Version > 6)];
        await using var connection = (SqliteConnection)await ConnectAsync();

        var applied = await SqliteMigrator.MigrateAsync(connection, scripts, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, default);
        var again = await SqliteMigrator.MigrateAsync(connection, scripts, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, default);

        Assert.Equal(1, applied);
        Assert.Equal(0, again);
        Assert.Equal([1, 2, 3, 4, 5, 6, 8], (await ReadSchemaVersionsAsync()).Select(v => v.Version));
        Assert.Equal("0", await ReadScalarTextAsync("SELECT COUNT(*) FROM late_table"));
    }

    // Replaces the store's file by one migrated with only the given scripts and holding the given rows.
    private async Task SeedOlderDatabaseAsync(IReadOnlyList<QuantPulse.Storage.Internal.MigrationScript> scripts, string sql)
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(DatabasePath);
        await using var connection = (SqliteConnection)await ConnectAsync();
        await SqliteMigrator.MigrateAsync(connection, scripts, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, default);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override async Task<IMarketStore> OpenAsync() => await SqliteMarketStore.OpenAsync(DatabasePath);

    protected override Task DeleteDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    protected override string ColumnsQuery => "SELECT name FROM pragma_table_info(@t) ORDER BY cid";

    protected override async Task<DbConnection> ConnectAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
