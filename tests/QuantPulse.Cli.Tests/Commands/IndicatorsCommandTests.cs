using System.Globalization;
using System.Text.Json;
using QuantPulse.Cli.Tests.Testing;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Commands;

public sealed class IndicatorsCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Indicators_Sma_ExactOutputWithWarmUpBlanksAndInputCellsUnchanged()
    {
        var input = await _temp.WriteLinesAsync(
            "bars.csv",
            "Date,Open,High,Low,Close,Volume,Note",
            "2024-01-01,1,1,1,1,10,\"a, b\"",
            "2024-01-02,2.00,2,2,2,,x",
            "2024-01-03,3,3,3,3,10,",
            "2024-01-04,4,4,4,4,10,\"say \"\"hi\"\"\"",
            "2024-01-05,5,5,5,5.0,10, z ",
            "2024-01-06,6,6,6,6,10,z");
        var output = _temp.File("out.csv");

        var result = await CliRunner.RunAsync("indicators", "--input", input, "--sma", "3", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Equal($"indicators: wrote 6 bars with 1 indicator column (sma_3) to {output}\n", result.Out);
        Assert.Equal(
            """"
            Date,Open,High,Low,Close,Volume,Note,sma_3
            2024-01-01,1,1,1,1,10,"a, b",
            2024-01-02,2.00,2,2,2,,x,
            2024-01-03,3,3,3,3,10,,2
            2024-01-04,4,4,4,4,10,"say ""hi""",3
            2024-01-05,5,5,5,5.0,10, z ,4
            2024-01-06,6,6,6,6,10,z,5

            """".ReplaceLineEndings("\n"),
            await File.ReadAllTextAsync(output));
    }

    [Theory]
    [InlineData("--ema", "5", new[] { "ema_5" }, new[] { 4 })]
    [InlineData("--sma", "5", new[] { "sma_5" }, new[] { 4 })]
    [InlineData("--rsi", "5", new[] { "rsi_5" }, new[] { 5 })]
    [InlineData("--atr", "5", new[] { "atr_5" }, new[] { 5 })]
    [InlineData("--macd", "3,6,4", new[] { "macd_3_6_4", "macd_signal_3_6_4", "macd_hist_3_6_4" }, new[] { 5, 8, 8 })]
    [InlineData("--bb", "5,2.5", new[] { "bb_middle_5_2.5", "bb_upper_5_2.5", "bb_lower_5_2.5" }, new[] { 4, 4, 4 })]
    [InlineData("--bb", "5,2.0", new[] { "bb_middle_5_2", "bb_upper_5_2", "bb_lower_5_2" }, new[] { 4, 4, 4 })]
    [InlineData("--stdev", "5", new[] { "stdev_5", "zscore_5" }, new[] { 4, 4 })]
    public async Task Indicators_EachFlag_ContractColumnsWarmUpBlanksAndBatchHelperValuesBitForBit(
        string flag, string value, string[] columns, int[] blanks)
    {
        var bars = TestBars.RandomWalk(80, seed: 3);
        var input = await _temp.WriteLinesAsync("bars.csv", TestBars.Lines(bars));

        var table = await RunAsync(input, flag, value);

        Assert.Equal([.. TestBars.Header.Split(','), .. columns], table.Header);
        var expected = BatchHelper(flag, value, bars);
        for (var c = 0; c < columns.Length; c++)
        {
            var cells = table.Column(columns[c]);
            Assert.Equal(blanks[c], cells.TakeWhile(cell => cell.Length == 0).Count());
            Assert.All(cells.Skip(blanks[c]), cell => Assert.NotEmpty(cell));
            AssertBitForBit(expected[c], cells);
        }
    }

    public static TheoryData<string> CatalogIds => [.. IndicatorCatalog.BuiltIn.Select(d => d.Id)];

    [Theory]
    [MemberData(nameof(CatalogIds))]
    public async Task Indicators_EveryCatalogIndicator_HasAnOptionWhoseColumnsEqualTheIndicatorSetBitForBit(string id)
    {
        var bars = TestBars.RandomWalk(120, seed: 9);
        var input = await _temp.WriteLinesAsync("bars.csv", TestBars.Lines(bars));
        var spec = IndicatorSpec.Create(id);
        var defaults = spec.Descriptor.Parameters.Where(p => p.Type != IndicatorParameterType.Choice).Select(p => p.FormatValue(p.Default));
        string[] option = spec.Descriptor.Parameters.Count == 0 ? ["--" + id.ToLowerInvariant()] : ["--" + id.ToLowerInvariant(), string.Join(",", defaults)];

        var table = await RunAsync(input, option);

        Assert.Equal([.. TestBars.Header.Split(','), .. spec.Columns], table.Header);
        var values = bars.ToIndicatorValues([spec]);
        foreach (var column in spec.Columns)
        {
            AssertBitForBit([.. values.Select(v => v[column])], table.Column(column));
        }
    }

    [Fact]
    public async Task Indicators_WithAndWithoutAdx_PriceBarAndCandlePathsWriteTheSameBytes()
    {
        // ADX needs candles, so adding it moves every other indicator from the bars-as-doubles path to the candle
        // path: their columns must not change by a byte. The rows mix what the double parser takes (plain, padded,
        // empty volume) with what only the decimal parser reads (quoted cells, an exponent, 17 significant digits).
        var lines = new List<string> { "Date,Open,High,Low,Close,Volume" };
        var random = new Random(9);
        var close = 1000.0;
        for (var i = 0; i < 300; i++)
        {
            var open = Math.Round(close + ((random.NextDouble() - 0.5) * 4), 2);
            close = Math.Round(open + ((random.NextDouble() - 0.5) * 8), 2);
            var high = Math.Round(Math.Max(open, close) + random.NextDouble(), 2);
            var low = Math.Round(Math.Min(open, close) - random.NextDouble(), 2);
            string Cell(double v) => v.ToString(CultureInfo.InvariantCulture);
            var date = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            lines.Add((i % 7) switch
            {
                1 => $"\"{date}\",{Cell(open)},{Cell(high)},{Cell(low)},{Cell(close)},\"{i}\"",
                2 => $"{date},{Cell(open)},{Cell(high)},{Cell(low)},{((decimal)close / 1000).ToString(CultureInfo.InvariantCulture)}e3,{i}",
                3 => $"{date},{Cell(open)},{Cell(high)},{Cell(low)},{close.ToString("F13", CultureInfo.InvariantCulture)},{i}",
                4 => $"{date}, {Cell(open)} ,{Cell(high)},{Cell(low)},{Cell(close)},",
                _ => $"{date},{Cell(open)},{Cell(high)},{Cell(low)},{Cell(close)},{i}.5",
            });
        }

        var input = await _temp.WriteLinesAsync("bars.csv", [.. lines]);
        string[] others = ["--ema", "5", "--rsi", "5", "--atr", "5", "--macd", "3,6,4", "--bb", "5,2.5", "--supertrend", "5,3", "--obv", "--vwap", "--cci", "5"];
        var doubles = _temp.File("doubles.csv");
        var candles = _temp.File("candles.csv");

        string[] withoutAdxArgs = ["indicators", "--input", input, .. others, "--output", doubles];
        string[] withAdxArgs = ["indicators", "--input", input, .. others, "--adx", "5", "--output", candles];
        Assert.Equal(0, (await CliRunner.RunAsync(withoutAdxArgs)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(withAdxArgs)).ExitCode);

        var withAdx = await File.ReadAllLinesAsync(candles);
        var adxColumns = withAdx[0].Split(',').Count(c => c is "adx_5" or "plus_di_5" or "minus_di_5");
        Assert.Equal(3, adxColumns);
        Assert.Equal(
            await File.ReadAllLinesAsync(doubles),
            withAdx.Select(line => string.Join(',', line.Split(',').SkipLast(adxColumns))));
    }

    [Theory]
    [InlineData("--atr", "14,Seeding=TradingView", "atr_tv_14")]
    [InlineData("--atr", "14, seeding = wilder", "atr_14")]
    [InlineData("--atr-stop", "14,2.5,EndType=HighLow", "atr_stop_hl_14_2.5")]
    [InlineData("--vwap", null, "vwap")]
    public async Task Indicators_ChoiceByNameOrFlag_SelectsTheVariant(string option, string? value, string firstColumn)
    {
        var input = await _temp.WriteLinesAsync("bars.csv", TestBars.Lines(TestBars.RandomWalk(30, seed: 4)));

        var table = await RunAsync(input, value is null ? [option] : [option, value]);

        Assert.Equal(firstColumn, table.Header[TestBars.Header.Split(',').Length]);
    }

    [Fact]
    public async Task Indicators_ManyAndRepeatedFlags_ColumnsInCommandLineOrderEqualIndicatorSet()
    {
        var bars = TestBars.RandomWalk(120, seed: 5);
        var input = await _temp.WriteLinesAsync("bars.csv", TestBars.Lines(bars));

        var table = await RunAsync(
            input,
            "--stdev", "5", "--ema", "3", "--macd", "3,6,4", "--ema", "10", "--bb", "5,2", "--macd", "12,26,9",
            "--bb", "5,2.5", "--rsi", "7", "--atr", "3", "--sma", "4", "--stdev", "10", "--rsi", "14", "--atr", "14", "--sma", "20");

        IndicatorSpec[] specs =
        [
            IndicatorSpec.StandardDeviation(5), IndicatorSpec.Ema(3), IndicatorSpec.Macd(3, 6, 4), IndicatorSpec.Ema(10),
            IndicatorSpec.BollingerBands(5, 2), IndicatorSpec.Macd(12, 26, 9), IndicatorSpec.BollingerBands(5, 2.5),
            IndicatorSpec.Rsi(7), IndicatorSpec.Atr(3), IndicatorSpec.Sma(4), IndicatorSpec.StandardDeviation(10),
            IndicatorSpec.Rsi(14), IndicatorSpec.Atr(14), IndicatorSpec.Sma(20),
        ];
        string[] names =
        [
            "stdev_5", "zscore_5", "ema_3", "macd_3_6_4", "macd_signal_3_6_4", "macd_hist_3_6_4", "ema_10",
            "bb_middle_5_2", "bb_upper_5_2", "bb_lower_5_2", "macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9",
            "bb_middle_5_2.5", "bb_upper_5_2.5", "bb_lower_5_2.5", "rsi_7", "atr_3", "sma_4", "stdev_10", "zscore_10",
            "rsi_14", "atr_14", "sma_20",
        ];
        Assert.Equal([.. TestBars.Header.Split(','), .. names], table.Header);
        var values = bars.ToIndicatorValues(specs);
        for (var c = 0; c < names.Length; c++)
        {
            AssertBitForBit([.. values.Select(v => v[names[c]])], table.Column(names[c]));
        }
    }

    [Fact]
    public async Task Indicators_SymbolColumn_EachSymbolIsItsOwnSeries()
    {
        var a = TestBars.RandomWalk(60, seed: 7, symbol: "A");
        var b = TestBars.RandomWalk(60, seed: 8, symbol: "B");
        var aLines = TestBars.Lines(a);
        var bLines = TestBars.Lines(b);
        var lines = new List<string> { "symbol," + aLines[0] };
        for (var i = 1; i < aLines.Length; i++)
        {
            lines.Add("A," + aLines[i]);
            lines.Add("B," + bLines[i]);
        }

        var table = await RunAsync(await _temp.WriteLinesAsync("pairs.csv", [.. lines]), "--ema", "5", "--rsi", "6");

        var ema = table.Column("ema_5");
        var rsi = table.Column("rsi_6");
        AssertBitForBit([.. a.ToEma(5).Select(p => p.Value)], [.. ema.Where((_, i) => i % 2 == 0)]);
        AssertBitForBit([.. b.ToEma(5).Select(p => p.Value)], [.. ema.Where((_, i) => i % 2 == 1)]);
        AssertBitForBit([.. a.ToRsi(6).Select(p => p.Value)], [.. rsi.Where((_, i) => i % 2 == 0)]);
        AssertBitForBit([.. b.ToRsi(6).Select(p => p.Value)], [.. rsi.Where((_, i) => i % 2 == 1)]);
    }

    [Fact]
    public async Task Indicators_CandlesCommandOutput_ReadsBackWithOneSeriesPerSymbolAndTimeframe()
    {
        var ticks = _temp.File("ticks.csv");
        var candles = _temp.File("candles.csv");
        Assert.Equal(0, (await CliRunner.RunAsync("simulate", "--symbols", "SIM_A,SIM_B", "--seed", "3", "--ticks", "3600", "--output", ticks)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("candles", "--input", ticks, "--timeframe", "1m", "--timeframe", "5m", "--output", candles)).ExitCode);

        var table = await RunAsync(candles, "--ema", "5");

        var rows = CsvTable.Parse(await File.ReadAllLinesAsync(candles));
        var ema = table.Column("ema_5");
        foreach (var series in Enumerable.Range(0, rows.Rows.Count).GroupBy(i => (rows.Rows[i][0], rows.Rows[i][1])))
        {
            var closes = series.Select(i => double.Parse(rows.Rows[i][6], CultureInfo.InvariantCulture)).ToList();
            var expected = new double?[closes.Count];
            double? previous = null;
            for (var i = 0; i < closes.Count; i++)
            {
                previous = i < 4 ? null : i == 4 ? closes.Take(5).Average() : previous + ((2.0 / 6.0) * (closes[i] - previous));
                expected[i] = previous;
            }

            var actual = series.Select(i => ema[i]).ToArray();
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i] is null, actual[i].Length == 0);
                if (expected[i] is { } e)
                {
                    Assert.Equal(e, double.Parse(actual[i], CultureInfo.InvariantCulture), 1e-9 * Math.Abs(e));
                }
            }
        }
    }

    [Theory]
    [InlineData("yyyy-MM-dd HH:mm")]
    [InlineData("yyyy-MM-dd HH:mm:ss")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss'Z'")]
    [InlineData("yyyy-MM-dd'T'HH:mm:sszzz")]
    [InlineData("unix-s")]
    [InlineData("unix-ms")]
    public async Task Indicators_TimeFormats_AcceptedAndKeptAsWritten(string format)
    {
        var bars = TestBars.RandomWalk(40, seed: 9);
        var lines = TestBars.Lines(bars, t => format switch
        {
            "unix-s" => t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            "unix-ms" => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            _ => t.ToOffset(TimeSpan.FromHours(format.EndsWith("zzz", StringComparison.Ordinal) ? 2 : 0)).ToString(format, CultureInfo.InvariantCulture),
        });
        lines[0] = "Time,OPEN,High,low,Close";
        var input = await _temp.WriteLinesAsync("bars.csv", [lines[0], .. lines[1..].Select(l => l[..l.LastIndexOf(',')])]);

        var table = await RunAsync(input, "--ema", "5", "--atr", "4");

        Assert.Equal(["Time", "OPEN", "High", "low", "Close", "ema_5", "atr_4"], table.Header);
        Assert.Equal(lines[1..].Select(l => l.Split(',')[0]), table.Column("Time"));
        AssertBitForBit([.. bars.ToEma(5).Select(p => p.Value)], table.Column("ema_5"));
        AssertBitForBit([.. bars.ToAtr(4).Select(p => p.Value)], table.Column("atr_4"));
    }

    [Fact]
    public async Task Indicators_UnderACommaDecimalCulture_WritesInvariantNumbers()
    {
        var bars = TestBars.RandomWalk(30, seed: 4);
        var input = await _temp.WriteLinesAsync("bars.csv", TestBars.Lines(bars));
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var result = await CliRunner.RunAsync("indicators", "--input", input, "--bb", "5,2.5", "--output", "-");

            Assert.Equal(0, result.ExitCode);
            var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("date,open,high,low,close,volume,bb_middle_5_2.5,bb_upper_5_2.5,bb_lower_5_2.5", lines[0]);
            Assert.All(lines[1..], l => Assert.Equal(9, l.Split(',').Length));
            Assert.Contains('.', lines[^1].Split(',')[^1]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task Indicators_OutputDash_WritesCsvToStdoutAndSummaryToStderr()
    {
        var input = await _temp.WriteLinesAsync("bars.csv", "time,open,high,low,close", "1704067200,1,2,1,2", "1704153600,2,3,2,3");

        var result = await CliRunner.RunAsync("indicators", "--input", input, "--sma", "2", "--output", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("time,open,high,low,close,sma_2\n1704067200,1,2,1,2,\n1704153600,2,3,2,3,2.5\n", result.Out);
        Assert.Equal(["indicators: wrote 2 bars with 1 indicator column (sma_2) to standard output"], result.ErrorLines);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Indicators_NonAsciiAndInvalidUtf8Cells_CopiedAsDecodedTextToFileAndStdout(bool toStdout)
    {
        // A valid row with non-ASCII cells is copied byte for byte; a row with bytes that are not UTF-8 is written
        // as its decoded text (U+FFFD for each bad byte), as every other cell of the output is.
        var input = _temp.File("bars.csv");
        byte[] bytes =
        [
            .. "time,open,high,low,close,note\n1704067200,1,2,1,2,café ✓\n1704153600,2,3,2,3,"u8,
            0xFF, 0xC3,
            .. "x\n1704240000,2,3,2,3,\"a,é\"\n"u8,
        ];
        await File.WriteAllBytesAsync(input, bytes);
        var output = _temp.File("out.csv");

        var result = await CliRunner.RunAsync("indicators", "--input", input, "--sma", "2", "--output", toStdout ? "-" : output);

        Assert.Equal(0, result.ExitCode);
        const string Expected = "time,open,high,low,close,note,sma_2\n1704067200,1,2,1,2,café ✓,\n1704153600,2,3,2,3,\uFFFD\uFFFDx,2.5\n1704240000,2,3,2,3,\"a,é\",3\n";
        if (toStdout)
        {
            Assert.Equal(Expected, result.Out);
        }
        else
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Expected), await File.ReadAllBytesAsync(output)); // bytes: a reader would hide a raw 0xFF
        }
    }

    [Fact]
    public async Task Indicators_BadBarWithOutputDash_BarsBeforeItStreamedThenOneLineErrorExit1()
    {
        var input = await _temp.WriteLinesAsync("bars.csv", "time,open,high,low,close", "1704067200,1,2,1,2", "1704153600,2,3,2,3", "1704240000,2,3,2,x");

        var result = await CliRunner.RunAsync("indicators", "--input", input, "--sma", "2", "--output", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("time,open,high,low,close,sma_2\n1704067200,1,2,1,2,\n1704153600,2,3,2,3,2.5\n", result.Out);
        Assert.Equal(["quantpulse indicators: bars.csv: line 4: close 'x' is not a number"], result.ErrorLines);
    }

    [ReferenceFact]
    public async Task Indicators_SkenderDefaultQuotes_MatchStockIndicatorsVectors()
    {
        var input = ReferenceData.PathOf("vectors", "default.csv");

        var table = await RunAsync(input, "--ema", "20", "--rsi", "14", "--atr", "14", "--macd", "12,26,9", "--bb", "20,2", "--stdev", "14");

        Assert.Equal(
            [
                "date", "open", "high", "low", "close", "volume", "ema_20", "rsi_14", "atr_14", "macd_12_26_9",
                "macd_signal_12_26_9", "macd_hist_12_26_9", "bb_middle_20_2", "bb_upper_20_2", "bb_lower_20_2",
                "stdev_14", "zscore_14",
            ],
            table.Header);
        var inputLines = (await File.ReadAllLinesAsync(input))[1..].Where(l => l.Length > 0).ToArray();
        Assert.Equal(502, table.Rows.Count);
        Assert.Equal(inputLines, table.Rows.Select(r => string.Join(',', r.Take(6))));
        AssertClose(Vector("ema", "ema"), table.Column("ema_20"));
        AssertClose(Vector("rsi", "rsi"), table.Column("rsi_14"));
        AssertClose(Vector("atr", "atr"), table.Column("atr_14"));
        AssertClose(Vector("macd", "macd"), table.Column("macd_12_26_9"));
        AssertClose(Vector("macd", "signal"), table.Column("macd_signal_12_26_9"));
        AssertClose(Vector("macd", "histogram"), table.Column("macd_hist_12_26_9"));
        AssertClose(Vector("bb", "sma"), table.Column("bb_middle_20_2"));
        AssertClose(Vector("bb", "upperBand"), table.Column("bb_upper_20_2"));
        AssertClose(Vector("bb", "lowerBand"), table.Column("bb_lower_20_2"));
        AssertClose(Vector("stdev", "stdDev"), table.Column("stdev_14"));
        AssertClose(Vector("stdev", "zScore"), table.Column("zscore_14"));
    }

    [Theory]
    [InlineData("no indicator given (use --ema, --sma, --smma, --rsi, --atr, --tr, --macd, --bb, --stdev, --ha, --supertrend, --atr-stop, --adx, --stoch, --cci, --willr, --obv, --vwap, --donchian, --keltner)")]
    [InlineData("--macd: '12,26' is not FAST,SLOW,SIGNAL (3 values, e.g. 12,26,9)", "--macd", "12,26")]
    [InlineData("--macd: 26,12,9: Parameter 'Slow' of MACD must be greater than Fast (26); got 12.", "--macd", "26,12,9")]
    [InlineData("--macd SLOW: 'x' is not a whole number", "--macd", "12,x,9")]
    [InlineData("--macd SIGNAL: 0 is outside 1..100000", "--macd", "12,26,0")]
    [InlineData("--bb: '20' is not N,K (2 values, e.g. 20,2)", "--bb", "20")]
    [InlineData("--bb K: 0 is outside 0.01..10", "--bb", "20,0")]
    [InlineData("--bb K: 'two' is not a number", "--bb", "20,two")]
    [InlineData("--bb N: 1 is outside 2..100000", "--bb", "1,2")]
    [InlineData("--ema: 0 is outside 1..100000", "--ema", "0")]
    [InlineData("--ema: 'abc' is not a whole number", "--ema", "abc")]
    [InlineData("--ema: '20,5' is not one whole number (e.g. 20)", "--ema", "20,5")]
    [InlineData("--sma: '2.5' is not a whole number", "--sma", "2.5")]
    [InlineData("--rsi: 100001 is outside 1..100000", "--rsi", "100001")]
    [InlineData("--stdev: 1 is outside 2..100000", "--stdev", "1")]
    [InlineData("--ema: 20 is given twice", "--ema", "20", "--sma", "20", "--ema", "20")]
    [InlineData("--bb: 20,2.0 is given twice", "--bb", "20,2", "--bb", "20,2.0")]
    [InlineData("unknown option '--wma'", "--wma", "5")]
    [InlineData("option --atr needs a value (N)", "--atr")]
    [InlineData("--atr: '14,Seeding' is not one whole number (e.g. 14)", "--atr", "14,Seeding")]
    [InlineData("--atr: 'Period=3' is not one of Seeding=Wilder|TradingView (default Wilder)", "--atr", "14,Period=3")]
    [InlineData("--atr: 14,Seeding=Fast: Parameter 'Seeding' of ATR must be one of Wilder, TradingView; got 'Fast'.", "--atr", "14,Seeding=Fast")]
    [InlineData("--supertrend MULTIPLIER: 11 is outside 0.01..10", "--supertrend", "10,11")]
    [InlineData("--stoch: '14,3' is not N,SIGNAL,SMOOTH (3 values, e.g. 14,3,3)", "--stoch", "14,3")]
    [InlineData("--obv is given twice", "--obv", "--ema", "3", "--obv")]
    [InlineData("option --vwap takes no value", "--vwap=1")]
    public async Task Indicators_BadIndicatorArguments_OneLineErrorExit2AndNoOutput(string expected, params string[] args)
    {
        var input = await _temp.WriteLinesAsync("bars.csv", TestBars.Lines(TestBars.RandomWalk(5, seed: 1)));
        var output = _temp.File("out.csv");

        var result = await CliRunner.RunAsync(["indicators", "--input", input, .. args, "--output", output]);

        CliAssert.OneLineError(result, 2, $"quantpulse indicators: {expected} (see 'quantpulse indicators --help')");
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("missing required option --input PATH", "--ema", "5", "--output", "OUT")]
    [InlineData("missing required option --output PATH", "--input", "IN", "--ema", "5")]
    [InlineData("--output: 'IN' is the input file; write to another file", "--input", "IN", "--ema", "5", "--output", "IN")]
    public async Task Indicators_BadPaths_OneLineErrorExit2(string expected, params string[] args)
    {
        var input = await _temp.WriteLinesAsync("bars.csv", TestBars.Lines(TestBars.RandomWalk(5, seed: 1)));
        var output = _temp.File("out.csv");
        string Resolve(string a) => a switch { "IN" => input, "OUT" => output, _ => a };

        var result = await CliRunner.RunAsync(["indicators", .. args.Select(Resolve)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"quantpulse indicators: {expected.Replace("'IN'", $"'{input}'", StringComparison.Ordinal)} (see 'quantpulse indicators --help')",
            Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(output));
        Assert.Equal(6, (await File.ReadAllLinesAsync(input)).Length);
    }

    [Theory]
    [InlineData(null, "cannot read 'PATH': no such file")]
    [InlineData("", "bars.csv: the file is empty; expected a header such as 'date,open,high,low,close,volume'.")]
    [InlineData("date,open,high,low,volume\n2024-01-01,1,1,1,1\n", "bars.csv: line 1: the header must have a date (or time) column and open, high, low, close (volume optional); found 'date,open,high,low,volume'.")]
    [InlineData("date,open,high,low,close\n2024-01-01,1,2,1,2\n2024-01-02,1,2,1,2\n2024-01-03,1,2,1,abc\n", "bars.csv: line 4: close 'abc' is not a number")]
    [InlineData("date,open,high,low,close\n2024-01-01,1,2,1,2\n2024-01-02,1,2,1\n", "bars.csv: line 3: 4 fields, the header has 5")]
    [InlineData("date,open,high,low,close\n2024-01-01,1,2,1,2\n02/01/2024,1,2,1,2\n", "bars.csv: line 3: date '02/01/2024' is not an ISO-8601 time or Unix seconds/milliseconds")]
    [InlineData("date,open,high,low,close\n2024-01-01,1,2,1,2\n2024-01-02,3,2,1,2\n", "bars.csv: line 3: open 3 is outside low 1 .. high 2")]
    [InlineData("date,open,high,low,close\n2024-01-01,1,2,1,2\n2024-01-03,1,2,1,2\n2024-01-02,1,2,1,2\n", "bars.csv: line 4: time 2024-01-02T00:00:00Z is not after the previous bar's 2024-01-03T00:00:00Z (line 3); bars must be in ascending time order")]
    [InlineData("date,open,high,low,close\n2024-01-01,1,2,1,2\n\n2024-01-01 00:00,1,2,1,2\n", "bars.csv: line 4: time 2024-01-01T00:00:00Z is not after the previous bar's 2024-01-01T00:00:00Z (line 2); bars must be in ascending time order")]
    [InlineData("date,open,high,low,close\n2024-01-01,1,2,1,2\n2024-01-02,1,2,0,1\n", "bars.csv: line 3: low 0 is not positive")]
    public async Task Indicators_MissingOrUnreadableBars_OneLineErrorNamingTheLineExit1AndNoOutput(string? content, string expected)
    {
        await CliAssert.FailsOnInputAsync("indicators", _temp.File("bars.csv"), content, _temp.File("out.csv"), expected, "--ema", "2");
    }

    private static List<double?[]> BatchHelper(string flag, string value, IReadOnlyList<Candle> bars)
    {
        var p = value.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var n = (int)p[0];
        return flag switch
        {
            "--ema" => [[.. bars.ToEma(n).Select(x => x.Value)]],
            "--sma" => [[.. bars.ToSma(n).Select(x => x.Value)]],
            "--rsi" => [[.. bars.ToRsi(n).Select(x => x.Value)]],
            "--atr" => [[.. bars.ToAtr(n).Select(x => x.Value)]],
            "--macd" => Split(bars.ToMacd(n, (int)p[1], (int)p[2]), v => v.Macd, v => v.Signal, v => v.Histogram),
            "--bb" => Split(bars.ToBollingerBands(n, p[1]), v => v.Middle, v => v.Upper, v => v.Lower),
            "--stdev" => Split(bars.ToStandardDeviation(n), v => v.StdDev, v => v.ZScore),
            _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, "not an indicator flag"),
        };

        static List<double?[]> Split<T>(IReadOnlyList<IndicatorPoint<T>> points, params Func<T, double?>[] fields)
            where T : struct =>
            [.. fields.Select(f => points.Select(x => x.Value is { } v ? f(v) : null).ToArray())];
    }

    private static void AssertBitForBit(double?[] expected, IReadOnlyList<string> cells) => AssertValues(expected, cells, relative: 0);

    private static void AssertClose(double?[] expected, IReadOnlyList<string> cells) => AssertValues(expected, cells, relative: 1e-9);

    // relative 0: the cell must read back as exactly the expected double; otherwise within max(1e-12, relative·|expected|).
    private static void AssertValues(double?[] expected, IReadOnlyList<string> cells, double relative)
    {
        Assert.Equal(expected.Length, cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            if (expected[i] is not { } value)
            {
                Assert.Equal(string.Empty, cells[i]);
                continue;
            }

            var actual = double.Parse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture);
            var ok = relative == 0
                ? BitConverter.DoubleToInt64Bits(actual) == BitConverter.DoubleToInt64Bits(value)
                : Math.Abs(actual - value) <= Math.Max(1e-12, relative * Math.Abs(value));
            Assert.True(ok, $"row {i + 1}: '{cells[i]}' reads back as {actual:R}; expected {value:R} (relative tolerance {relative:G3})");
        }
    }

    private static double?[] Vector(string indicator, string field)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ReferenceData.PathOf("vectors", indicator + ".standard.json")));
        return
        [
            .. document.RootElement.EnumerateArray().Select(row =>
                row.GetProperty(field) is { ValueKind: JsonValueKind.Number } cell ? cell.GetDouble() : (double?)null),
        ];
    }

    private async Task<CsvTable> RunAsync(string input, params string[] indicatorArgs)
    {
        var output = _temp.File("out-" + Guid.NewGuid().ToString("N") + ".csv");
        var result = await CliRunner.RunAsync(["indicators", "--input", input, .. indicatorArgs, "--output", output]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Empty(result.Error);
        return CsvTable.Parse(await File.ReadAllLinesAsync(output));
    }
}
