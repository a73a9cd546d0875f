using System.Globalization;
using Npgsql;
using QuantPulse.Cli.Tests.Testing;
using QuantPulse.Storage;
using QuantPulse.Tests.Storage.Postgres;

namespace QuantPulse.Cli.Tests.Commands;

/// <summary><c>quantpulse backtest --db postgres:…</c> against a real PostgreSQL server (never skipped).</summary>
[Collection(PostgresCollection.Name)]
public sealed class BacktestPostgresTests(PostgresServer server) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Backtest_Postgres_SameTradesFileAsSqliteAndEqualToTheTable()
    {
        var ticks = await BacktestCommandTests.SimulatedTicksAsync(_temp);
        var connection = await server.CreateDatabaseAsync();
        var fromPostgres = _temp.File("postgres.csv");
        var fromSqlite = _temp.File("sqlite.csv");
        string[] options = ["--strategy", "ema-rsi", "--timeframe", "1m", "--expiry", "10m"];

        var postgres = await CliRunner.RunAsync(["backtest", "--input", ticks, "--db", "postgres:" + connection, "--output", fromPostgres, .. options]);
        var sqlite = await CliRunner.RunAsync(["backtest", "--input", ticks, "--db", "sqlite:" + _temp.File("q.db"), "--output", fromSqlite, .. options]);

        Assert.Equal((0, 0), (postgres.ExitCode, sqlite.ExitCode));
        Assert.Empty(postgres.Error);
        Assert.Equal(await File.ReadAllBytesAsync(fromSqlite), await File.ReadAllBytesAsync(fromPostgres));
        var rows = TradeRows.Read(await File.ReadAllTextAsync(fromPostgres));
        Assert.NotEmpty(rows);
        Assert.Contains("  database      postgres:", postgres.Out, StringComparison.Ordinal);

        await using var data = NpgsqlDataSource.Create(connection);
        await using var columns = data.CreateCommand("SELECT column_name FROM information_schema.columns WHERE table_name = 'trades' ORDER BY ordinal_position");
        var names = new List<string>();
        await using (var reader = await columns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        Assert.Equal(TradeRows.Columns, names);
        await using var stores = await MarketStore.OpenAsync(StorageOptions.Parse("postgres:" + connection));
        var store = stores.ForRun(TradeRows.Cell(rows[0], "run_id"), RunScope.Own);
        var stored = (await store.Trades.GetRangeAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1))).ToDictionary(t => t.Id);
        Assert.Equal(stored.Count, rows.Count);
        foreach (var row in rows)
        {
            var trade = stored[row[0]];
            Assert.Equal(
                (trade.SignalId, trade.Asset, trade.EntryPrice, trade.StopLoss, trade.TakeProfit, trade.OpenTime, trade.Result?.ToString().ToUpperInvariant() ?? string.Empty),
                (row[1], row[2], TradeRows.Decimal(row[3]), TradeRows.Decimal(row[4]), TradeRows.Decimal(row[5]), TradeRows.Time(row[6]), row[8]));
            Assert.Equal(trade.ClosePrice?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, row[11]);
        }
    }

    [Fact]
    public async Task Backtest_PostgresDatabaseMissing_OneLineExit1()
    {
        var ticks = await _temp.WriteLinesAsync("ticks.csv", "time,symbol,price", "2024-01-02T00:00:00Z,X,100");
        var missing = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = "quantpulse_no_such_database" }.ConnectionString;
        var output = _temp.File("trades.csv");

        var result = await CliRunner.RunAsync("backtest", "--input", ticks, "--strategy", "utbot", "--timeframe", "1m", "--db", "postgres:" + missing, "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("quantpulse backtest: cannot open the database postgres:", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("quantpulse_no_such_database", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}
