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
    public async Task OpenAsync_TwoProcessesAtOnce_ApplyEachMigrationOnce()
    {
        await Store.DisposeAsync();
        File.Delete(DatabasePath);

        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(OpenAsync)));
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        Assert.Equal([(1, "initial")], await ReadSchemaVersionsAsync());
    }

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override async Task<IMarketStore> OpenAsync() => await SqliteMarketStore.OpenAsync(DatabasePath);

    protected override Task DeleteDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    protected override async Task<IReadOnlyList<(int Version, string Name)>> ReadSchemaVersionsAsync()
    {
        var rows = new List<(int, string)>();
        await using var connection = await ConnectAsync();
        await using var command = new SqliteCommand("SELECT version, name FROM schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return rows;
    }

    protected override async Task<IReadOnlyList<string>> ReadColumnsAsync(string table)
    {
        var columns = new List<string>();
        await using var connection = await ConnectAsync();
        await using var command = new SqliteCommand($"SELECT name FROM pragma_table_info('{table}') ORDER BY cid", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    protected override async Task<string> ReadScalarTextAsync(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = new SqliteCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<SqliteConnection> ConnectAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
