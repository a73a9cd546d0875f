using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Sources.Csv;

namespace QuantPulse.Tests.Sources.Csv;

public class CsvCandleRowReaderTests
{
    [Fact]
    public void TryReadPriceBar_MixedRows_SameBarsAsTryReadBarConverted()
    {
        // Common rows, and rows only the decimal parser reads: quoted cells, an exponent, 17 digits, a zero and a
        // negative low (which the indicators reject), a negative-zero volume, padded cells; a blank line and a
        // malformed row skipped.
        const string Csv = "symbol,timeframe,open_time,open,high,low,close,volume\n"
            + "SIM_A,1m,2024-01-02T00:00:00Z,1000.00,1000.60,998.75,998.75,12\n"
            + "SIM_A,1m,2024-01-02T00:01:00Z,998.99,999.31,997.24,997.67,\n"
            + "\"SIM_A\",1m,2024-01-02T00:02:00Z,997.80,998.27,997.40,997.40,3\n"
            + "SIM_A,1m,2024-01-02T00:03:00Z,9.973e2,998.27,997.30,997.30,0\n"
            + "SIM_B,5m,2024-01-02T00:04:00Z,1.0000000000000001,1.0000000000000002,1.0000000000000001,1.0000000000000001,-0\n"
            + "\n"
            + "SIM_B,5m,2024-01-02T00:09:00Z,0,1,0,1,1\n"
            + "SIM_B,5m,2024-01-02T00:14:00Z,-2,-1,-3,-2,1\n"
            + "SIM_B,5m,2024-01-02T00:19:00Z,x,1,1,1,1\n"
            + "SIM_B,5m, 2024-01-02T00:24:00Z , 2.5 , 3 ,2,2.75, 7.25 \n"
            + "SIM_B,5m,1704155400,0.000000000000000000000001,0.000000000000000000000001,0.000000000000000000000001,0.000000000000000000000001,1\n";
        Assert.Equal((9, 1), AssertPriceBarsAsCandles(Csv));
    }

    [Theory]
    [InlineData("symbol,timeframe,open_time,open,high,low,close,volume,ticks")]
    [InlineData("date,open,high,low,close")]
    [InlineData("close,low,note,high,open,time,volume")]
    [InlineData("Open,High,Low,Close,Volume,Symbol,Date")]
    public void TryReadPriceBar_RandomRows_SameBarsAsTryReadBarConverted(string header)
    {
        // Rows of cells drawn from plain and awkward spellings (padding, quotes, signs, exponents, 16+ digits,
        // empty cells, carriage returns, missing and extra fields), so that both the one-pass scan and every
        // fallback behind it are taken.
        string[] prices = ["1000.00", "998.75", "1", "0.5", "12.3456789", "+1.25", "-0", "0", "1e3", " 2.5", "3 ", "\"4.5\"", "", "1.", ".5", "123456789012345.6", "0.000000000000000000000001", "1,5", "x", "7\r"];
        string[] times = ["2024-01-02T00:00:00Z", "2024-01-02T00:01:30.5Z", "2024-01-02", "1704153600", " 2024-01-02T01:00:00Z", "\"2024-01-02T02:00:00Z\"", "yesterday", "2024-01-02T03:00:00+01:00"];
        string[] symbols = ["SIM_A", "SIM_B", " SIM_C ", "\"SIM,D\"", "", "Ä"];
        string[] timeframes = ["1m", "5m", " 1h", "x", "1d"];
        string[] others = ["", "note", "4", "a\"b", "\"q\""];
        var names = header.Split(',');
        var random = new Random(12);
        var csv = new System.Text.StringBuilder(header).Append('\n');
        for (var row = 0; row < 3000; row++)
        {
            var cells = names.Select(name => name.ToLowerInvariant() switch
            {
                "open" or "high" or "low" or "close" => random.Next(3) == 0 ? Pick(prices) : "1000.50",
                "volume" => random.Next(3) == 0 ? Pick(prices) : "12",
                "date" or "time" or "open_time" => random.Next(3) == 0 ? Pick(times) : "2024-01-02T00:00:00Z",
                "symbol" => Pick(symbols),
                "timeframe" => Pick(timeframes),
                _ => Pick(others),
            }).ToList();
            switch (random.Next(12))
            {
                case 0: cells.RemoveAt(cells.Count - 1); break;
                case 1: cells.Add("extra"); break;
                case 2: cells.Add(string.Empty); break;
            }

            csv.Append(string.Join(",", cells)).Append('\n');
        }

        var (read, skipped) = AssertPriceBarsAsCandles(csv.ToString());
        Assert.Equal(3000, read + skipped);
        Assert.InRange(read, 300, 2700);

        string Pick(string[] choices) => choices[random.Next(choices.Length)];
    }

    // Reads the CSV with both readers (malformed rows skipped), asserts every bar and message is the same, and
    // returns how many bars were read and how many rows skipped.
    private static (int Read, int Skipped) AssertPriceBarsAsCandles(string csv)
    {
        var options = new CsvCandleReaderOptions { SkipMalformedRows = true };
        using var candles = new CsvCandleRowReader(new StringReader(csv), "bars.csv", options);
        using var prices = new CsvCandleRowReader(new StringReader(csv), "bars.csv", options);

        var read = 0;
        while (candles.TryReadBar(out var expected))
        {
            Assert.True(prices.TryReadPriceBar(out var actual));
            var candle = expected.Candle;
            Assert.Equal(
                (expected.LineNumber, candle.Symbol, candle.Timeframe, candle.OpenTime.UtcTicks, Bits(PriceBar.From(candle)), BitConverter.DoubleToInt64Bits((double)candle.Volume)),
                (actual.LineNumber, actual.Symbol, actual.Timeframe, actual.OpenTimeUtcTicks, Bits(actual.Prices), BitConverter.DoubleToInt64Bits(actual.Volume)));
            Assert.Equal(expected.Cells, actual.Cells);
            Assert.Equal(expected.Text.ToArray(), actual.Text.ToArray());
            Assert.True(actual.Candle is null || actual.Candle == candle);
            read++;
        }

        Assert.False(prices.TryReadPriceBar(out _));
        Assert.Equal(candles.Errors, prices.Errors);
        return (read, prices.Errors.Count);

        static (long, long, long, long) Bits(PriceBar bar) => (
            BitConverter.DoubleToInt64Bits(bar.Open), BitConverter.DoubleToInt64Bits(bar.High),
            BitConverter.DoubleToInt64Bits(bar.Low), BitConverter.DoubleToInt64Bits(bar.Close));
    }

    [Fact]
    public void TryReadPriceBar_LowAtOrBelowZero_CarriesTheCandleForMessages()
    {
        using var reader = new CsvCandleRowReader(new StringReader("date,open,high,low,close\n2024-01-01,1,1,1,1\n2024-01-02,0.00,1,0.00,1\n"), "bars.csv");

        Assert.True(reader.TryReadPriceBar(out var common));
        Assert.Null(common.Candle);
        Assert.True(reader.TryReadPriceBar(out var zero));

        Assert.Equal("0.00", zero.Candle?.Low.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Read_EndlessInput_HandsOutRowsWithoutReadingAhead()
    {
        using var input = new EndlessBars(maxCharacters: 1 << 20);
        using var reader = new CsvCandleRowReader(input, "bars.csv");

        var rows = Enumerable.Range(0, 3).Select(_ => reader.Read()!).ToList();

        Assert.Equal(["time", "open", "high", "low", "close"], reader.Columns);
        Assert.Equal([2L, 3, 4], rows.Select(r => r.LineNumber));
        Assert.Equal(
            new Candle("bars", default, DateTimeOffset.FromUnixTimeSeconds(1_704_153_660), 2m, 2m, 2m, 2m, 0m, 1, true),
            rows[1].Candle);
        Assert.Equal(["1704153720", "3", "3", "3", "3"], rows[2].Cells);
    }

    [Fact]
    public void Read_MalformedRow_RowsBeforeItThenTheErrorWithItsLine()
    {
        using var reader = new CsvCandleRowReader(
            new StringReader("date,open,high,low,close\n2024-01-01,1,1,1,1\n\n2024-01-02,1,1,1,oops\n2024-01-03,1,1,1,1\n"),
            "bars.csv");

        Assert.Equal(2, reader.Read()!.LineNumber);
        var error = Assert.Throws<InvalidDataException>(() => reader.Read());

        Assert.Equal("bars.csv: line 4: close 'oops' is not a number", error.Message);
    }

    [Fact]
    public void Read_SkipMalformedRows_SkipsAndListsThemAsTheyCome()
    {
        using var reader = new CsvCandleRowReader(
            new StringReader("date,open,high,low,close\n2024-01-01,1,1,1,x\n2024-01-02,1,1,1,1\n2024-01-03,2,1,1,1\n"),
            "bars.csv",
            new CsvCandleReaderOptions { SkipMalformedRows = true });

        Assert.Equal(3, reader.Read()!.LineNumber);
        Assert.Equal(["line 2: close 'x' is not a number"], reader.Errors);
        Assert.Null(reader.Read());
        Assert.Equal(["line 2: close 'x' is not a number", "line 4: open 2 is outside low 1 .. high 1"], reader.Errors);
    }

    [Theory]
    [InlineData("time,timeframe,open,high,low,close\n1704153600,5m,1,1,1,1\n", null, "5m")]
    [InlineData("time,timeframe,open,high,low,close\n1704153600,5m,1,1,1,1\n", "1h", "5m")]
    [InlineData("time,open,high,low,close\n1704153600,1,1,1,1\n", "1h", "1h")]
    [InlineData("time,open,high,low,close\n1704153600,1,1,1,1\n", null, null)]
    public void Read_Timeframe_RowCellThenConfiguredElseInvalid(string csv, string? configured, string? expected)
    {
        var options = new CsvCandleReaderOptions { Timeframe = configured is null ? null : Timeframe.Parse(configured) };
        using var reader = new CsvCandleRowReader(new StringReader(csv), "bars.csv", options);

        var candle = reader.Read()!.Candle;

        Assert.Equal(expected is null ? default : Timeframe.Parse(expected), candle.Timeframe);
        Assert.Equal(csv.Contains("timeframe", StringComparison.Ordinal), reader.HasTimeframeColumn);
    }

    [Fact]
    public void Open_EmptyFile_ThrowsAndReleasesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qp-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "\n\n");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => CsvCandleRowReader.Open(path));

            Assert.Equal($"{Path.GetFileName(path)}: the file is empty; expected a header such as 'date,open,high,low,close,volume'.", error.Message);
            using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TryReadBar_PlainRows_TheirTextAndTheCandlesReadGives()
    {
        const string Csv = "symbol,timeframe,open_time,open,high,low,close,volume\nA,1m,2024-01-02T00:00:00Z,1.50,2,1,1.5,10\nB,5m,2024-01-02T00:05:00Z,3,3,3,3,\n";
        using var bars = new CsvCandleRowReader(new StringReader(Csv), "bars.csv");
        using var rows = new CsvCandleRowReader(new StringReader(Csv), "bars.csv");

        foreach (var line in Csv.Split('\n')[1..^1])
        {
            Assert.True(bars.TryReadBar(out var bar));
            var row = rows.Read()!;

            Assert.Null(bar.Cells);
            Assert.Equal(line, System.Text.Encoding.UTF8.GetString(bar.Text));
            Assert.Equal(row.LineNumber, bar.LineNumber);
            Assert.Equal(row.Candle.ToString(), bar.Candle.ToString());
        }

        Assert.False(bars.TryReadBar(out _));
    }

    // Every cell quoted sends a row to the text parser; the same row unquoted takes the byte parser where it can.
    [Theory]
    [InlineData("SIM_A,1m,2024-01-02T00:00:00Z,1000.00,1000.60,998.75,998.75,0")]
    [InlineData(" B ,1h, 2024-01-02 13:05:00.25+02:00 ,\t1.5 , 2.0,1.50,2,-0")]
    [InlineData("C,1H,1704153600000,+1,1,1,1,1e3")]
    [InlineData("D,1d,1704153600.5,1,1,1,1,")]
    [InlineData("\u00e9t\u00e9,4h,2024-01-02t23:59,1,1,1,1,0.000")]
    [InlineData("E,1m,2024-01-02T00:00:00Z,\u00a01,1,1,1,1")]
    [InlineData("F,1m,2024-01-02,1.0000000000000000000001,2,1,1,1")]
    public void TryReadBar_AnyRow_SameCandleAsTheTextParser(string row)
    {
        const string Header = "symbol,timeframe,time,open,high,low,close,volume\n";
        var quoted = string.Join(',', row.Split(',').Select(cell => $"\"{cell}\""));
        using var plain = new CsvCandleRowReader(new StringReader(Header + row + "\n"), "bars.csv");
        using var text = new CsvCandleRowReader(new StringReader(Header + quoted + "\n"), "bars.csv");

        Assert.True(plain.TryReadBar(out var bar));
        Assert.True(text.TryReadBar(out var expected));

        Assert.NotNull(expected.Cells);
        Assert.Equal(expected.Candle, bar.Candle);
        Assert.Equal(expected.Candle.ToString(), bar.Candle.ToString());
        using var rows = new CsvCandleRowReader(new StringReader(Header + row + "\n"), "bars.csv");
        Assert.Equal(expected.Cells, rows.Read()!.Cells);
    }

    [Fact]
    public void Open_Utf16File_ReadAsText()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qp-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "date,open,high,low,close\n2024-01-01,1,2,1,1.5\n", System.Text.Encoding.Unicode);
        try
        {
            using var reader = CsvCandleRowReader.Open(path);

            var row = reader.Read()!;

            Assert.Equal(["2024-01-01", "1", "2", "1", "1.5"], row.Cells);
            Assert.Equal(1.5m, row.Candle.Close);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A bars file that never ends (one-minute bars, price = bar number); reading past <c>maxCharacters</c> fails the test.</summary>
    private sealed class EndlessBars(int maxCharacters) : TextReader
    {
        private string _pending = "time,open,high,low,close\n";
        private int _bar;
        private int _served;

        public override int Read(Span<char> buffer)
        {
            if (_served >= maxCharacters)
            {
                throw new InvalidOperationException($"read {_served} characters: the reader reads ahead of the rows asked for");
            }

            var count = 0;
            while (count < buffer.Length)
            {
                if (_pending.Length == 0)
                {
                    _bar++;
                    _pending = $"{1_704_153_600 + (60 * (_bar - 1))},{_bar},{_bar},{_bar},{_bar}\n";
                }

                var take = Math.Min(_pending.Length, buffer.Length - count);
                _pending.AsSpan(0, take).CopyTo(buffer[count..]);
                _pending = _pending[take..];
                count += take;
            }

            _served += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
