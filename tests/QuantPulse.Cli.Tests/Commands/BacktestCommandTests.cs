using System.Globalization;
using Microsoft.Data.Sqlite;
using QuantPulse.Candles;
using QuantPulse.Cli.Commands;
using QuantPulse.Cli.Tests.Testing;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Signals;
using QuantPulse.Simulation;
using QuantPulse.Sources.Csv;
using QuantPulse.Storage;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Commands;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Two symbols of the simulated market, 20,000 one-second ticks each: about 15 ema-rsi trades on 1m candles.</summary>
    internal static async Task<string> SimulatedTicksAsync(TempDirectory temp, int ticks = 20_000)
    {
        var path = temp.File("ticks.csv");
        var result = await CliRunner.RunAsync("simulate", "--symbols", "SIM_A,SIM_B", "--seed", "42", "--ticks", ticks.ToString(CultureInfo.InvariantCulture), "--output", path);
        Assert.Equal(0, result.ExitCode);
        return path;
    }

    private static Task<CliResult> BacktestAsync(string input, string db, string output, params string[] options) =>
        CliRunner.RunAsync(["backtest", "--input", input, "--strategy", "ema-rsi", "--timeframe", "1m", "--db", db, "--output", output, .. options]);

    [Fact]
    public async Task Backtest_SameRecordingTwice_ByteIdenticalTradesFiles()
    {
        var ticks = await SimulatedTicksAsync(_temp);
        var first = _temp.File("first.csv");
        var second = _temp.File("second.csv");

        var a = await BacktestAsync(ticks, "sqlite:" + _temp.File("a.db"), first);
        var b = await BacktestAsync(ticks, "sqlite:" + _temp.File("b.db"), second);

        Assert.Equal((0, 0), (a.ExitCode, b.ExitCode));
        Assert.Empty(a.Error);
        var bytes = await File.ReadAllBytesAsync(first);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(second));
        Assert.True(TradeRows.Read(await File.ReadAllTextAsync(first)).Count >= 10, "the simulated hours give the strategy something to trade");
    }

    [Fact]
    public async Task Backtest_SameDatabaseAgain_SucceedsWithTheSameFile()
    {
        var ticks = await SimulatedTicksAsync(_temp);
        var db = "sqlite:" + _temp.File("q.db");
        Assert.Equal(0, (await BacktestAsync(ticks, db, _temp.File("first.csv"))).ExitCode);

        var again = await BacktestAsync(ticks, db, _temp.File("second.csv"));

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(await File.ReadAllBytesAsync(_temp.File("first.csv")), await File.ReadAllBytesAsync(_temp.File("second.csv")));
    }

    [Fact]
    public async Task Backtest_TradesFile_EqualsTheTradesTableColumnForColumn()
    {
        var ticks = await SimulatedTicksAsync(_temp);
        var db = _temp.File("q.db");
        var output = _temp.File("trades.csv");

        Assert.Equal(0, (await BacktestAsync(ticks, "sqlite:" + db, output, "--expiry", "none")).ExitCode);

        var rows = TradeRows.Read(await File.ReadAllTextAsync(output));
        SQLitePCL.Batteries_V2.Init();
        await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT name FROM pragma_table_info('trades') ORDER BY cid";
        var names = new List<string>();
        await using (var reader = await columns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        Assert.Equal(TradeRows.Columns, names);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT * FROM trades";
        var table = new Dictionary<string, object[]>();
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                table.Add((string)values[0], values);
            }
        }

        Assert.Equal(table.Count, rows.Count);
        Assert.Contains(rows, r => TradeRows.Cell(r, "result").Length == 0);
        Assert.Contains(rows, r => TradeRows.Cell(r, "result").Length > 0);
        foreach (var row in rows)
        {
            var stored = table[row[0]];
            for (var i = 0; i < TradeRows.Columns.Length; i++)
            {
                var (column, cell, value) = (TradeRows.Columns[i], row[i], stored[i]);
                switch (value)
                {
                    case DBNull:
                        Assert.Equal(string.Empty, cell);
                        break;
                    case double number:
                        Assert.Equal(number, TradeRows.Double(cell));
                        break;
                    case string text when column.EndsWith("_time", StringComparison.Ordinal):
                        Assert.Equal(TradeRows.Time(text), TradeRows.Time(cell));
                        break;
                    default:
                        Assert.Equal(Convert.ToString(value, CultureInfo.InvariantCulture), cell);
                        break;
                }
            }
        }
    }

    [Fact]
    public async Task Backtest_TradesFile_AgreesWithThePipelineRunInProcess()
    {
        var ticks = await SimulatedTicksAsync(_temp);
        var output = _temp.File("trades.csv");
        Assert.Equal(0, (await BacktestAsync(ticks, "sqlite:" + _temp.File("q.db"), output, "--fast-period", "5", "--slow-period", "13", "--stop-loss", "0.3%", "--take-profit", "2atr", "--max-open-trades", "2")).ExitCode);

        var trades = new Dictionary<string, Trade>();
        var order = new List<string>();
        var pipeline = new MarketPipelineBuilder(new CsvTickSource(ticks))
            .WithOptions(new MarketPipelineOptions { CloseCandlesAtEnd = true, TimeProvider = StoppedClock.Instance })
            .WithCandles(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute] })
            .WithStrategy(
                StrategySpec.EmaRsi(new EmaRsiOptions { FastPeriod = 5, SlowPeriod = 13 }),
                new SignalBlockOptions { RiskReward = new RiskRewardOptions { StopLossMode = RiskLevelMode.Percent, StopLossPercent = 0.3, TakeProfitAtr = 2 } })
            .WithSimulator(new SimulatorOptions { MaxOpenTradesPerAsset = 2 })
            .OnBatch((batch, _) =>
            {
                foreach (var e in batch.Trades)
                {
                    if (trades.TryAdd(e.Trade.Id, e.Trade))
                    {
                        order.Add(e.Trade.Id);
                    }

                    trades[e.Trade.Id] = e.Trade;
                }

                return ValueTask.CompletedTask;
            })
            .Build();
        await pipeline.RunAsync();

        var rows = TradeRows.Read(await File.ReadAllTextAsync(output));
        Assert.Equal(order, rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            var trade = trades[row[0]];
            Assert.Equal(
                [
                    trade.Id, trade.SignalId, trade.Asset, Text(trade.EntryPrice), Text(trade.StopLoss), Text(trade.TakeProfit),
                    trade.OpenTime, trade.CloseTime, trade.Result?.ToString().ToUpperInvariant() ?? string.Empty,
                    trade.DurationSeconds, trade.MovementPercentage, trade.ClosePrice is { } p ? Text(p) : string.Empty,
                ],
                new object?[]
                {
                    row[0], row[1], row[2], row[3], row[4], row[5],
                    TradeRows.Time(row[6]), row[7].Length == 0 ? null : TradeRows.Time(row[7]), row[8],
                    row[9].Length == 0 ? null : TradeRows.Double(row[9]), row[10].Length == 0 ? null : TradeRows.Double(row[10]), row[11],
                });
        }

        static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Backtest_TradesFile_FollowsTheContract()
    {
        var ticks = await SimulatedTicksAsync(_temp);
        var output = _temp.File("trades.csv");

        Assert.Equal(0, (await BacktestAsync(ticks, "sqlite:" + _temp.File("q.db"), output, "--expiry", "10m")).ExitCode);

        var text = await File.ReadAllTextAsync(output);
        var rows = TradeRows.Read(text);
        Assert.Equal(["WIN", "LOSS", "EXPIRED", string.Empty], rows.Select(r => TradeRows.Cell(r, "result")).Distinct().Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(rows.OrderBy(r => TradeRows.Time(TradeRows.Cell(r, "open_time"))).Select(r => r[0]), rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            Assert.Equal("trade:" + TradeRows.Cell(row, "signal_id"), TradeRows.Cell(row, "id"));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$", TradeRows.Cell(row, "open_time"));
            foreach (var column in new[] { "entry_price", "stop_loss", "take_profit" })
            {
                Assert.Matches(@"^\d+(\.\d+)?$", TradeRows.Cell(row, column));
            }

            var closeCells = new[] { "close_time", "duration_seconds", "movement_percentage", "close_price" }.Select(c => TradeRows.Cell(row, c)).ToList();
            if (TradeRows.Cell(row, "result").Length == 0)
            {
                Assert.All(closeCells, c => Assert.Empty(c));
                continue;
            }

            Assert.All(closeCells, c => Assert.NotEmpty(c));
            var duration = (TradeRows.Time(closeCells[0]) - TradeRows.Time(TradeRows.Cell(row, "open_time"))).TotalSeconds;
            Assert.Equal(duration, TradeRows.Double(closeCells[1]));
            if (TradeRows.Cell(row, "result") == "EXPIRED")
            {
                Assert.True(duration >= 600, $"{row[0]} expired after {duration} s");
            }
        }
    }

    [Fact]
    public async Task Backtest_Summary_ReportsTheRunsFigures()
    {
        var ticks = await SimulatedTicksAsync(_temp);
        var output = _temp.File("trades.csv");
        var db = _temp.File("q.db");

        var result = await BacktestAsync(ticks, "sqlite:" + db, output);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        var rows = TradeRows.Read(await File.ReadAllTextAsync(output));
        var closed = rows.Where(r => TradeRows.Cell(r, "result").Length > 0).ToList();
        var wins = closed.Count(r => TradeRows.Cell(r, "result") == "WIN");
        var losses = closed.Count(r => TradeRows.Cell(r, "result") == "LOSS");
        var expired = closed.Count(r => TradeRows.Cell(r, "result") == "EXPIRED");
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(17, lines.Length);
        Assert.Equal($"backtest: {rows.Count} trades from 40000 ticks of {ticks}, written to {output}", lines[0]);
        Assert.Equal($"  input         {ticks}: 40000 ticks, 2 symbols, 2024-01-02T00:00:00Z to 2024-01-02T05:33:19Z", lines[1]);
        Assert.Equal("  strategy      ema-rsi(FastPeriod=9,SlowPeriod=21,TrendPeriod=50,RsiPeriod=14,RsiOverbought=70,RsiOversold=30,MinConfirmations=2) on 1m candles", lines[2]);
        Assert.Equal("  levels        stop loss 1.5atr, take profit 3atr (ATR 14), min reward/risk 1.5, min confidence 0", lines[3]);
        Assert.Equal("  simulator     expiry 1h, at most 1 open trade per asset, levels anchored to the fill", lines[4]);

        // 20,000 s from 00:00:00 are 334 minutes per symbol, the last one partial and closed by the end of the file.
        Assert.Equal("  candles       668", lines[5]);
        await using var store = await MarketStore.OpenAsync(new StorageOptions { Path = db });
        var runId = Assert.Single(await store.Runs.GetAllAsync()).Id;
        var signals = await store.ForRun(runId, RunScope.Own).Signals.GetRangeAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1));
        Assert.StartsWith($"  signals       {signals.Count} raised; ", lines[6], StringComparison.Ordinal);
        Assert.Matches(@"^  not traded    \d+ signals?(: .+)?$", lines[7]);
        var notTraded = int.Parse(lines[7].Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
        Assert.Equal(signals.Count, rows.Count + notTraded);
        Assert.Equal($"  trades        {rows.Count}: {wins} WIN, {losses} LOSS, {expired} EXPIRED, {rows.Count - closed.Count} open at the end", lines[8]);
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"  win rate      {100.0 * wins / closed.Count:0.00}% ({wins} of {closed.Count} closed trades)"),
            lines[9]);
        var movement = closed.Average(r => TradeRows.Double(TradeRows.Cell(r, "movement_percentage")));
        Assert.Equal($"  avg movement  {movement.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture)}% per closed trade", lines[10]);
        var duration = closed.Average(r => TradeRows.Double(TradeRows.Cell(r, "duration_seconds")));
        Assert.StartsWith($"  avg duration  {duration.ToString("0.###", CultureInfo.InvariantCulture)} s (", lines[11], StringComparison.Ordinal);
        Assert.Equal($"  database      sqlite:{db}: 668 candles, {signals.Count} signals, {rows.Count} trades stored", lines[12]);
        Assert.Equal($"  run           {runId} (the run's signals and trades are stored under this id)", lines[13]);
        Assert.Matches("^bt-[0-9a-f]{16}$", runId);
        Assert.Matches(@"^  returns       total [+-]?\d+\.\d{4}%, annualised .+, max drawdown \d+\.\d{4}% over \d+ bars?$", lines[14]);
        Assert.Matches(@"^  risk-adjusted Sharpe .+, Sortino .+, Calmar .+ \(525960 1m bars a year\)$", lines[15]);
        var total = closed.Sum(r => TradeRows.Double(TradeRows.Cell(r, "movement_percentage")));
        Assert.StartsWith($"  returns       total {total.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture)}%", lines[14], StringComparison.Ordinal);
        Assert.Matches(@"^  per trade     profit factor .+, expectancy .+ per closed trade, exposure \d+\.\d{4}% of the time$", lines[16]);
    }

    [Fact]
    public async Task Backtest_MinimumRewardRiskAboveTheLevels_EverySignalDroppedAndCounted()
    {
        var ticks = await SimulatedTicksAsync(_temp);
        var output = _temp.File("trades.csv");

        // 1.5 ATR of risk for 3 ATR of reward is a ratio of 2: a minimum of 2.5 drops every signal.
        var result = await BacktestAsync(ticks, "sqlite:" + _temp.File("q.db"), output, "--min-rr", "2.5");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.Matches(@"^  signals       0 raised; (\d+) dropped: \1 below min reward/risk$", lines[6]);
        Assert.Equal("  not traded    0 signals", lines[7]);
        Assert.Equal("  trades        0: 0 WIN, 0 LOSS, 0 EXPIRED, 0 open at the end", lines[8]);
        Assert.Equal(TradeRows.Header + "\n", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task Backtest_OutputDash_TradesOnStandardOutputSummaryOnStandardError()
    {
        var ticks = await SimulatedTicksAsync(_temp, 3000);
        var file = _temp.File("trades.csv");
        Assert.Equal(0, (await BacktestAsync(ticks, "sqlite:" + _temp.File("a.db"), file, "--fast-period", "3", "--slow-period", "8", "--trend-period", "20")).ExitCode);

        var result = await BacktestAsync(ticks, "sqlite:" + _temp.File("b.db"), "-", "--fast-period", "3", "--slow-period", "8", "--trend-period", "20");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(file), result.Out);
        Assert.StartsWith("backtest: ", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.EndsWith(", written to standard output", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(17, result.ErrorLines.Count);
    }

    [Fact]
    public async Task Backtest_RiskAndSimulatorOptions_ShapeTheTrades()
    {
        var ticks = await SimulatedTicksAsync(_temp);
        var db = _temp.File("q.db");
        var output = _temp.File("trades.csv");

        var result = await CliRunner.RunAsync(
            "backtest", "--input", ticks, "--strategy", "utbot", "--timeframe", "5m", "--db", "sqlite:" + db, "--output", output,
            "--key-value", "2", "--use-heikin-ashi", "true", "--stop-loss", "0.2%", "--take-profit", "0.5%", "--min-rr", "2",
            "--expiry", "20m", "--max-open-trades", "2", "--level-anchor", "signal");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.Equal("  strategy      utbot(KeyValue=2,AtrPeriod=10,UseHeikinAshi=true,TrendPeriod=0,MinConfirmations=0) on 5m candles", lines[2]);
        Assert.Equal("  levels        stop loss 0.2%, take profit 0.5%, min reward/risk 2, min confidence 0", lines[3]);
        Assert.Equal("  simulator     expiry 20m, at most 2 open trades per asset, levels anchored to the signal", lines[4]);
        var rows = TradeRows.Read(await File.ReadAllTextAsync(output));
        Assert.NotEmpty(rows);
        await using var stores = await MarketStore.OpenAsync(new StorageOptions { Path = db });
        var store = stores.ForRun(TradeRows.Cell(rows[0], "run_id"), RunScope.Own);
        foreach (var row in rows)
        {
            var signal = (await store.Signals.GetAsync(TradeRows.Cell(row, "signal_id")))!;
            Assert.Equal("utbot", signal.Strategy);
            Assert.Equal(2.5, signal.RrRatio, 1e-9);
            Assert.Equal((double)signal.Entry * 0.002, (double)Math.Abs(signal.Entry - signal.StopLoss), 1e-6);

            // Anchored to the signal: the trade keeps the signal's levels whatever its fill.
            Assert.Equal((signal.StopLoss, signal.TakeProfit), (TradeRows.Decimal(TradeRows.Cell(row, "stop_loss")), TradeRows.Decimal(TradeRows.Cell(row, "take_profit"))));
            if (TradeRows.Cell(row, "result") == "EXPIRED")
            {
                Assert.True(TradeRows.Double(TradeRows.Cell(row, "duration_seconds")) >= 1200);
            }
        }

        foreach (var asset in rows.GroupBy(r => TradeRows.Cell(r, "asset")))
        {
            var intervals = asset.Select(r => (Open: TradeRows.Time(TradeRows.Cell(r, "open_time")), Close: TradeRows.Cell(r, "close_time") is { Length: > 0 } c ? TradeRows.Time(c) : DateTimeOffset.MaxValue)).ToList();
            Assert.All(intervals, i => Assert.True(intervals.Count(o => o.Open <= i.Open && i.Open < o.Close) <= 2, $"more than 2 trades of {asset.Key} open at {i.Open}"));
        }
    }

    public static TheoryData<string, string, string> EveryStrategyParameter()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var strategy in StrategyCatalog.All)
        {
            foreach (var parameter in strategy.Parameters)
            {
                var value = parameter.Type == StrategyParameterType.Boolean
                    ? (parameter.Default == 0 ? 1 : 0)
                    : Math.Min(parameter.Default + 1, parameter.Maximum);
                data.Add(strategy.Id, parameter.Name, parameter.FormatValue(value));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStrategyParameter))]
    public async Task Backtest_EveryCatalogParameter_HasAnOptionThatReachesTheStrategy(string strategy, string parameter, string value)
    {
        var ticks = await _temp.WriteLinesAsync("ticks.csv", "time,symbol,price", "2024-01-02T00:00:00Z,X,100", "2024-01-02T00:01:00Z,X,101");

        var result = await CliRunner.RunAsync(
            "backtest", "--input", ticks, "--strategy", strategy, "--timeframe", "1m", "--db", "sqlite:" + _temp.File("q.db"),
            "--output", _temp.File("trades.csv"), StrategyFlags.OptionFor(parameter), value);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{parameter}={value}", result.Out.Split('\n')[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_Help_ListsEveryStrategyOptionWithItsRangeAndDefault()
    {
        var result = await CliRunner.RunAsync("backtest", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: quantpulse backtest --input PATH --strategy ID --timeframe TF --db SPEC --output PATH [OPTIONS]\n", result.Out, StringComparison.Ordinal);
        foreach (var option in new[] { "--stop-loss DIST", "--take-profit DIST", "--level-atr-period N", "--min-rr X", "--min-confidence X", "--expiry DURATION", "--max-open-trades N", "--level-anchor fill|signal" })
        {
            Assert.Contains("\n  " + option + " ", result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("(default: 1.5atr)", result.Out, StringComparison.Ordinal);
        Assert.Contains("(default: 1h)", result.Out, StringComparison.Ordinal);
        var section = result.Out[result.Out.IndexOf("\nStrategy options", StringComparison.Ordinal)..].Split('\n');
        foreach (var strategy in StrategyCatalog.All)
        {
            // The strategy's heading, then one line per parameter up to the next heading.
            var heading = Array.FindIndex(section, l => l.StartsWith($"  {strategy.Id}: ", StringComparison.Ordinal));
            Assert.True(heading >= 0, strategy.Id);
            var block = section[(heading + 1)..].TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).ToList();
            Assert.Equal(strategy.Parameters.Count, block.Count);
            foreach (var (parameter, line) in strategy.Parameters.Zip(block))
            {
                Assert.StartsWith("    " + StrategyFlags.OptionFor(parameter.Name) + " ", line, StringComparison.Ordinal);
                Assert.Contains(parameter.Description, line, StringComparison.Ordinal);
                Assert.EndsWith($"(default: {parameter.FormatValue(parameter.Default)})", line, StringComparison.Ordinal);
                if (parameter.Type != StrategyParameterType.Boolean)
                {
                    Assert.Contains($" {parameter.FormatValue(parameter.Minimum)}..{parameter.FormatValue(parameter.Maximum)} ", line, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Options_NamesAreUnique()
    {
        var names = new BacktestCommand().Options.Select(o => o.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(StrategyCatalog.All.SelectMany(s => s.Parameters).Select(p => StrategyFlags.OptionFor(p.Name)).Distinct().Order(), new BacktestCommand().Options.Where(o => o.Hidden).Select(o => o.Name).Order());
    }

    [Theory]
    [InlineData("FastPeriod", "--fast-period")]
    [InlineData("UseHeikinAshi", "--use-heikin-ashi")]
    [InlineData("RsiOverbought", "--rsi-overbought")]
    [InlineData("ATRPeriod", "--atr-period")]
    public void OptionFor_CatalogName_KebabCase(string name, string expected) => Assert.Equal(expected, StrategyFlags.OptionFor(name));

    [Theory]
    [InlineData("--strategy: unknown strategy 'macd' (use ema-rsi, utbot)", "--strategy", "macd")]
    [InlineData("--fast-period: 'nine' is not a whole number", "--fast-period", "nine")]
    [InlineData("--fast-period: '9.5' is not a whole number", "--fast-period", "9.5")]
    [InlineData("--fast-period: 0 is outside 1..100000", "--fast-period", "0")]
    [InlineData("--rsi-overbought: 120 is outside 50..100", "--rsi-overbought", "120")]
    [InlineData("ema-rsi: FastPeriod (30) must be below SlowPeriod (21).", "--fast-period", "30")]
    [InlineData("--key-value is not a parameter of ema-rsi (its options: --fast-period, --slow-period, --trend-period, --rsi-period, --rsi-overbought, --rsi-oversold, --min-confirmations)", "--key-value", "2")]
    [InlineData("--use-heikin-ashi: 'yes' is not true or false", "--strategy", "utbot", "--use-heikin-ashi", "yes")]
    [InlineData("--timeframe: '2m' is not a timeframe (use 1s, 1m, 5m, 15m, 30m, 1h, 4h, 1d)", "--timeframe", "2m")]
    [InlineData("--db: 'mysql:...' is not a database (use sqlite:PATH or postgres:CONNECTION-STRING)", "--db", "mysql:Host=x;Password=secret")]
    [InlineData("--db: 'sqlite:...' is not a database (use sqlite:PATH or postgres:CONNECTION-STRING)", "--db", "sqlite:")]
    [InlineData("--db: 'trades.db' is not a database (use sqlite:PATH or postgres:CONNECTION-STRING)", "--db", "trades.db")]
    [InlineData("--db: the text after 'postgres:' is not a connection string (use key=value pairs separated by ';', e.g. postgres:Host=localhost;Database=quantpulse;Username=qp)", "--db", "postgres:Host")]
    [InlineData("--db: the connection string was refused: unknown keyword 'hots'", "--db", "postgres:Hots=localhost")]
    [InlineData("--db: the connection string was refused: unknown keyword 'foo'", "--db", "postgres:Host=127.0.0.1;foo=")]
    [InlineData("--db: the connection string was refused: 'abc' is not a valid port", "--db", "postgres:Host=127.0.0.1;Port=abc")]
    [InlineData("--db: the connection string was refused: '99999999999' is not a valid port", "--db", "postgres:Host=127.0.0.1;Port=99999999999")]
    [InlineData("--db: the connection string was refused: '-1' is not a valid timeout", "--db", "postgres:Host=127.0.0.1;Timeout=-1")]
    [InlineData("--db: the connection string was refused: 'sometimes' is not a valid sslmode", "--db", "postgres:Host=127.0.0.1;SslMode=sometimes")]
    [InlineData("--stop-loss: '2x' is not a distance (use a multiple of the ATR such as 1.5atr, or a percentage of the entry such as 0.5%)", "--stop-loss", "2x")]
    [InlineData("--take-profit: 200 is outside 0.01..100", "--take-profit", "200atr")]
    [InlineData("--min-rr: -1 is outside 0..100", "--min-rr=-1")]
    [InlineData("--expiry: 'soon' is not a duration (use a positive whole number with ms, s, m or h, e.g. 500ms, 1s, 1m)", "--expiry", "soon")]
    [InlineData("--level-anchor: 'entry' is neither fill nor signal", "--level-anchor", "entry")]
    [InlineData("--max-open-trades: 0 is outside 1..10000", "--max-open-trades", "0")]
    public async Task Backtest_BadOption_OneLineExit2(string expected, params string[] options)
    {
        var ticks = await _temp.WriteLinesAsync("ticks.csv", "time,symbol,price", "2024-01-02T00:00:00Z,X,100");
        var output = _temp.File("trades.csv");
        var given = options.ToList();
        var arguments = new List<string> { "backtest", "--input", ticks, "--output", output };
        foreach (var (name, fallback) in new[] { ("--strategy", "ema-rsi"), ("--timeframe", "1m"), ("--db", "sqlite:" + _temp.File("q.db")) })
        {
            var index = given.IndexOf(name);
            arguments.AddRange([name, index >= 0 ? given[index + 1] : fallback]);
            if (index >= 0)
            {
                given.RemoveRange(index, 2);
            }
        }

        var result = await CliRunner.RunAsync([.. arguments, .. given]);

        CliAssert.OneLineError(result, 2, $"quantpulse backtest: {expected} (see 'quantpulse backtest --help')");
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(_temp.File("q.db")));
    }

    [Theory]
    [InlineData("missing required option --db SPEC", "--db")]
    [InlineData("missing required option --input PATH", "--input")]
    [InlineData("missing required option --strategy ID", "--strategy")]
    [InlineData("missing required option --timeframe TF", "--timeframe")]
    [InlineData("missing required option --output PATH", "--output")]
    public async Task Backtest_MissingOption_OneLineExit2(string expected, string missing)
    {
        var all = new Dictionary<string, string>
        {
            ["--input"] = _temp.File("ticks.csv"),
            ["--strategy"] = "utbot",
            ["--timeframe"] = "1m",
            ["--db"] = "sqlite:" + _temp.File("q.db"),
            ["--output"] = _temp.File("trades.csv"),
        };
        all.Remove(missing);

        var result = await CliRunner.RunAsync(["backtest", .. all.SelectMany(p => new[] { p.Key, p.Value })]);

        CliAssert.OneLineError(result, 2, $"quantpulse backtest: {expected} (see 'quantpulse backtest --help')");
    }

    [Fact]
    public async Task Backtest_DatabaseIsTheInputFile_OneLineExit2()
    {
        var ticks = await _temp.WriteLinesAsync("ticks.csv", "time,symbol,price", "2024-01-02T00:00:00Z,X,100");

        var result = await BacktestAsync(ticks, "sqlite:" + ticks, _temp.File("trades.csv"));

        CliAssert.OneLineError(result, 2, $"quantpulse backtest: --db: '{ticks}' is the input or output file; store the database in another file (see 'quantpulse backtest --help')");
        Assert.Equal("time,symbol,price\n2024-01-02T00:00:00Z,X,100\n", await File.ReadAllTextAsync(ticks));
    }

    [Fact]
    public async Task Backtest_InputFileMissing_OneLineExit1AndNothingCreated()
    {
        var missing = _temp.File("nope.csv");
        var output = _temp.File("trades.csv");

        var result = await BacktestAsync(missing, "sqlite:" + _temp.File("q.db"), output);

        CliAssert.OneLineError(result, 1, $"quantpulse backtest: cannot read '{missing}': no such file");
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(_temp.File("q.db")));
    }

    [Theory]
    [InlineData("", "ticks.csv: the file is empty; expected a header such as 'time,symbol,price,size'.")]
    [InlineData("a,b\n1,2\n", "ticks.csv: line 1: the header must have time, symbol and price columns (size optional); found 'a,b'.")]
    public async Task Backtest_InputWithoutATickHeader_OneLineExit1AndNoTradesFile(string content, string expected) =>
        await CliAssert.FailsOnInputAsync(
            "backtest", _temp.File("ticks.csv"), content, _temp.File("trades.csv"), expected,
            "--strategy", "utbot", "--timeframe", "1m", "--db", "sqlite:" + _temp.File("q.db"));

    [Fact]
    public async Task Backtest_SqliteFileCannotBeOpened_OneLineExit1()
    {
        var ticks = await _temp.WriteLinesAsync("ticks.csv", "time,symbol,price", "2024-01-02T00:00:00Z,X,100");
        var folder = Directory.CreateDirectory(_temp.File("folder.db")).FullName;
        var output = _temp.File("trades.csv");

        var result = await BacktestAsync(ticks, "sqlite:" + folder, output);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"quantpulse backtest: cannot open the database sqlite:{folder}: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Backtest_DatabaseRefusesWrites_FailsAfterTheRetriesExit1AndNoTradesFile()
    {
        var ticks = await SimulatedTicksAsync(_temp);
        var db = _temp.File("q.db");
        await (await MarketStore.OpenAsync(new StorageOptions { Path = db })).DisposeAsync();
        SQLitePCL.Batteries_V2.Init();
        await using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var trigger = connection.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER refuse_trades BEFORE INSERT ON trades BEGIN SELECT RAISE(ABORT, 'trades are read-only here'); END;";
            await trigger.ExecuteNonQueryAsync();
        }

        var output = _temp.File("trades.csv");

        var result = await BacktestAsync(ticks, "sqlite:" + db, output);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"quantpulse backtest: writing to the database failed ({BacktestRun.SinkRetries} retries): ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("trades are read-only here", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Backtest_SqlitePathUnderAFile_OneLineExit1()
    {
        var ticks = await _temp.WriteLinesAsync("ticks.csv", "time,symbol,price", "2024-01-02T00:00:00Z,X,100");
        var output = _temp.File("trades.csv");
        var notAFolder = await _temp.WriteLinesAsync("plain.txt", "x");

        var result = await BacktestAsync(ticks, $"sqlite:{notAFolder}/q.db", output);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"quantpulse backtest: cannot open the database sqlite:{notAFolder}/q.db: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Backtest_PostgresUnreachable_OneLineExit1WithoutThePassword()
    {
        var ticks = await _temp.WriteLinesAsync("ticks.csv", "time,symbol,price", "2024-01-02T00:00:00Z,X,100");
        var output = _temp.File("trades.csv");
        var port = TestFiles.ClosedPort();

        var result = await BacktestAsync(ticks, $"postgres:Host=127.0.0.1;Port={port};Username=qp;Password=s3cret;Database=q;Timeout=5", output);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"quantpulse backtest: cannot open the database postgres:host=127.0.0.1;port={port};username=qp;database=q;timeout=5: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Backtest_DatabaseHoldsAnotherRun_BothRunsKeptApartAndARerunIsIdempotent()
    {
        // Two runs over the same ticks with other settings give the same signal and trade IDs with other values.
        var ticks = await SimulatedTicksAsync(_temp);
        var path = _temp.File("q.db");
        var db = "sqlite:" + path;
        Assert.Equal(0, (await BacktestAsync(ticks, db, _temp.File("first.csv"))).ExitCode);
        var second = await BacktestAsync(ticks, db, _temp.File("second.csv"), "--stop-loss", "1atr");
        var again = await BacktestAsync(ticks, db, _temp.File("again.csv"));

        Assert.Equal((0, 0), (second.ExitCode, again.ExitCode));
        Assert.Empty(second.Error);
        var first = TradeRows.Read(await File.ReadAllTextAsync(_temp.File("first.csv")));
        var other = TradeRows.Read(await File.ReadAllTextAsync(_temp.File("second.csv")));
        Assert.Equal(await File.ReadAllBytesAsync(_temp.File("first.csv")), await File.ReadAllBytesAsync(_temp.File("again.csv")));
        Assert.Contains(first, r => other.Any(o => o[0] == r[0] && TradeRows.Cell(o, "stop_loss") != TradeRows.Cell(r, "stop_loss")));
        await using var store = await MarketStore.OpenAsync(new StorageOptions { Path = path });
        var runs = await store.Runs.GetAllAsync();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(("backtest", RunStatus.Completed, Path.GetFullPath(ticks)), (r.Command, r.Status, r.Input)));
        var firstRun = TradeRows.Cell(first[0], "run_id");
        Assert.Contains(runs, r => r.Id == firstRun && r.Parameters.Contains("stop loss 1.5atr", StringComparison.Ordinal));
        Assert.Equal(first.Count, (await store.ForRun(firstRun, RunScope.Own).Trades.GetRangeAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1))).Count);
        Assert.Equal(other.Count, (await store.ForRun(TradeRows.Cell(other[0], "run_id"), RunScope.Own).Trades.GetRangeAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1))).Count);
    }

    [Fact]
    public async Task Backtest_RunIdGiven_StoresTheRunUnderItAndWritesItsTrades()
    {
        var ticks = await SimulatedTicksAsync(_temp);
        var path = _temp.File("q.db");
        var output = _temp.File("trades.csv");

        Assert.Equal(0, (await BacktestAsync(ticks, "sqlite:" + path, output, "--run-id", "my-run.1")).ExitCode);

        var rows = TradeRows.Read(await File.ReadAllTextAsync(output));
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(("my-run.1", "my-run.1"), (TradeRows.Cell(r, "run_id"), TradeRows.Cell(r, "run_scope"))));
        await using var store = await MarketStore.OpenAsync(new StorageOptions { Path = path });
        Assert.Equal(RunStatus.Completed, (await store.Runs.GetAsync("my-run.1"))!.Status);
    }

    [Fact]
    public async Task Backtest_BadRunId_UsageErrorExit2()
    {
        var ticks = await SimulatedTicksAsync(_temp, 100);

        var result = await BacktestAsync(ticks, "sqlite:" + _temp.File("q.db"), _temp.File("t.csv"), "--run-id", "no spaces");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("quantpulse backtest: --run-id: 'no spaces' is not a run id", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_RunThatFails_IsRecordedFailedWithItsRowsRemoved()
    {
        var ticks = await _temp.WriteLinesAsync("bad.csv", "a,b", "1,2");
        var path = _temp.File("q.db");

        var result = await BacktestAsync(ticks, "sqlite:" + path, _temp.File("t.csv"), "--run-id", "broken");

        Assert.Equal(1, result.ExitCode);
        await using var store = await MarketStore.OpenAsync(new StorageOptions { Path = path });
        var run = (await store.Runs.GetAsync("broken"))!;
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.NotNull(run.Finished);
        Assert.Empty(await store.ForRun("broken", RunScope.Own).Signals.GetRangeAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1)));
    }

    [Fact]
    public async Task Backtest_Cancelled_Exit130AndNoTradesFile()
    {
        var ticks = await SimulatedTicksAsync(_temp, 100);
        var output = _temp.File("trades.csv");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var result = await CliRunner.RunAsync(cancel.Token, "backtest", "--input", ticks, "--strategy", "ema-rsi", "--timeframe", "1m", "--db", "sqlite:" + _temp.File("q.db"), "--output", output);

        Assert.Equal(130, result.ExitCode);
        Assert.Equal(["quantpulse backtest: cancelled"], result.ErrorLines);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Backtest_MalformedRowsAndAnEmptyFile_ReportedExit0()
    {
        var ticks = await _temp.WriteLinesAsync("ticks.csv", "time,symbol,price", "2024-01-02T00:00:00Z,X,100", "2024-01-02T00:00:01Z,X,abc", "2024-01-02T00:00:02Z,X,101");
        var output = _temp.File("trades.csv");

        var result = await BacktestAsync(ticks, "sqlite:" + _temp.File("q.db"), output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["quantpulse backtest: skipped 1 malformed row (first: line 3: price 'abc' is not a number)"], result.ErrorLines);
        Assert.Equal(TradeRows.Header + "\n", await File.ReadAllTextAsync(output));
        Assert.Contains("  trades        0: 0 WIN, 0 LOSS, 0 EXPIRED, 0 open at the end\n  win rate      none (no closed trade)\n", result.Out, StringComparison.Ordinal);
    }

    [ReferenceTheory]
    [InlineData("ema-rsi")]
    [InlineData("utbot")]
    public async Task Backtest_DerivR100Extract_TradesFollowItsTicks(string strategy)
    {
        var input = ReferenceData.PathOf("market-data", "deriv", "R_100_2025-04-26_first1236.csv");
        var first = _temp.File("first.csv");
        var second = _temp.File("second.csv");
        string[] options = ["--strategy", strategy, "--timeframe", "1m", "--stop-loss", "0.05%", "--take-profit", "0.1%", "--expiry", "5m"];
        if (strategy == "ema-rsi")
        {
            // 41 minutes of ticks: short periods, so the indicators warm up early.
            options = [.. options, "--fast-period", "3", "--slow-period", "8", "--trend-period", "10", "--rsi-period", "7", "--min-confirmations", "1"];
        }

        var result = await CliRunner.RunAsync(["backtest", "--input", input, "--db", "sqlite:" + _temp.File("a.db"), "--output", first, .. options]);
        var again = await CliRunner.RunAsync(["backtest", "--input", input, "--db", "sqlite:" + _temp.File("b.db"), "--output", second, .. options]);

        Assert.Equal((0, 0), (result.ExitCode, again.ExitCode));
        Assert.Empty(result.Error);
        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
        var ticks = TickGroupBy.Read(input);
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture, $"  input         {input}: {ticks.Count} ticks, 1 symbol, {ticks[0].Time:yyyy-MM-dd'T'HH:mm:ss'Z'} to {ticks[^1].Time:yyyy-MM-dd'T'HH:mm:ss'Z'}\n"),
            result.Out,
            StringComparison.Ordinal);
        var rows = TradeRows.Read(await File.ReadAllTextAsync(first));
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            // Each trade opens at the first tick after its signal's candle, at that tick's price…
            var open = TradeRows.Time(TradeRows.Cell(row, "open_time"));
            var signalCandle = DateTimeOffset.ParseExact(TradeRows.Cell(row, "signal_id").Split(':')[^1], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var fill = ticks.First(t => t.Time >= signalCandle.AddMinutes(1));
            Assert.Equal((fill.Time, fill.Price), (open, TradeRows.Decimal(TradeRows.Cell(row, "entry_price"))));
            if (TradeRows.Cell(row, "result") is not { Length: > 0 } outcome)
            {
                continue;
            }

            // …and closes at the first later tick before the expiry that reaches a level, at that tick's price, or
            // else at the expiry, at the last price before it.
            var (entry, stop, target) = (fill.Price, TradeRows.Decimal(TradeRows.Cell(row, "stop_loss")), TradeRows.Decimal(TradeRows.Cell(row, "take_profit")));
            var buy = target > entry;
            var expiry = open.AddMinutes(5);
            var hit = ticks.FirstOrDefault(t => t.Time > open && t.Time < expiry
                && (buy ? t.Price >= target || t.Price <= stop : t.Price <= target || t.Price >= stop));
            var close = hit ?? new OracleTick(expiry, fill.Symbol, ticks.Last(t => t.Time < expiry).Price, 0m);
            Assert.Equal((close.Time, close.Price), (TradeRows.Time(TradeRows.Cell(row, "close_time")), TradeRows.Decimal(TradeRows.Cell(row, "close_price"))));
            var expected = hit is null ? "EXPIRED" : (buy ? close.Price >= target : close.Price <= target) ? "WIN" : "LOSS";
            Assert.Equal(expected, outcome);
            var movement = (double)((buy ? close.Price - entry : entry - close.Price) / entry * 100);
            Assert.Equal(movement, TradeRows.Double(TradeRows.Cell(row, "movement_percentage")), 1e-9);
        }
    }
}
