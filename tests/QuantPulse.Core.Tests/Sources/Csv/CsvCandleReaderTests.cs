using System.Globalization;
using QuantPulse.Model;
using QuantPulse.Sources.Csv;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Csv;

public class CsvCandleReaderTests
{
    [Fact]
    public void Read_MinuteBars_ParsesCandlesAndInfersTimeframe()
    {
        const string csv = """
            date,open,high,low,close,volume
            2024-01-02 09:30,10.0,10.5,9.9,10.2,1500
            2024-01-02 09:31,10.2,10.3,10.1,10.1,900
            2024-01-02 09:33,10.1,10.1,9.8,9.9,
            """;

        var file = CsvCandleReader.Read(new StringReader(csv), "spy.csv");

        Assert.Equal(Timeframe.OneMinute, file.Timeframe);
        Assert.Equal(TimeSpan.FromMinutes(1), file.Spacing);
        Assert.Equal(
            new Candle("spy", Timeframe.OneMinute, new DateTimeOffset(2024, 1, 2, 9, 30, 0, TimeSpan.Zero), 10.0m, 10.5m, 9.9m, 10.2m, 1500m, 1, true),
            file.Candles[0]);
        Assert.Equal(0m, file.Candles[2].Volume);
        Assert.Equal([2L, 3, 4], file.Rows.Select(r => r.LineNumber));
        Assert.All(file.Candles, c => Assert.False(c.IsGapFill));
        Assert.Empty(file.Errors);
    }

    [Fact]
    public void Read_ExtraColumnsAndQuotes_KeepsEveryCellUnchanged()
    {
        const string csv = "\uFEFFSymbol,Time,Open,High,Low,Close,Note\nAAA,1704164645,1,2,0.5,1.5,\"up, then down\"\nBBB,1704164645,3,3,3,3,  x \n";

        var file = CsvCandleReader.Read(new StringReader(csv), "bars.csv");

        Assert.Equal(["Symbol", "Time", "Open", "High", "Low", "Close", "Note"], file.Columns);
        Assert.Equal(["AAA", "1704164645", "1", "2", "0.5", "1.5", "up, then down"], file.Rows[0].Cells);
        Assert.Equal(["BBB", "1704164645", "3", "3", "3", "3", "  x "], file.Rows[1].Cells);
        Assert.Equal(["AAA", "BBB"], file.Candles.Select(c => c.Symbol));
    }

    [Fact]
    public void Read_WeeklyBars_TimeframeUnknownButPricesKept()
    {
        const string csv = "date,open,high,low,close\n2024-01-01,1,2,1,2\n2024-01-08,2,3,2,3\n2024-01-15,3,4,3,4\n";

        var file = CsvCandleReader.Read(new StringReader(csv), "weekly.csv", new CsvCandleReaderOptions { Symbol = "XYZ" });

        Assert.Null(file.Timeframe);
        Assert.Equal(TimeSpan.FromDays(7), file.Spacing);
        Assert.All(file.Candles, c => Assert.False(c.Timeframe.IsValid));
        Assert.Equal([2m, 3m, 4m], file.Candles.Select(c => c.Close));
        Assert.All(file.Candles, c => Assert.Equal("XYZ", c.Symbol));
    }

    [Fact]
    public void Read_ConfiguredTimeframe_WinsOverInference()
    {
        const string csv = "time,open,high,low,close\n2024-01-01T00:00:00Z,1,1,1,1\n";

        var file = CsvCandleReader.Read(new StringReader(csv), "one.csv", new CsvCandleReaderOptions { Timeframe = Timeframe.OneHour });

        Assert.Equal(Timeframe.OneHour, file.Timeframe);
        Assert.Null(file.Spacing);
        Assert.Equal(Timeframe.OneHour, file.Candles[0].Timeframe);
    }

    [Fact]
    public void Read_SeveralSymbols_InfersSpacingPerSymbol()
    {
        const string csv = """
            time,symbol,open,high,low,close
            2024-01-01T00:00:00Z,A,1,1,1,1
            2024-01-01T00:00:00Z,B,1,1,1,1
            2024-01-01T00:05:00Z,A,1,1,1,1
            2024-01-01T00:05:00Z,B,1,1,1,1
            2024-01-01T00:10:00Z,A,1,1,1,1
            """;

        Assert.Equal(Timeframe.FiveMinutes, CsvCandleReader.Read(new StringReader(csv), "multi.csv").Timeframe);
    }

    [Theory]
    [InlineData("2024-01-02,1,2,0.5,abc,10", "line 3: close 'abc' is not a number")]
    [InlineData("2024-01-32,1,2,0.5,1,10", "line 3: date '2024-01-32' is not an ISO-8601 time or Unix seconds/milliseconds")]
    [InlineData("2024-01-02,1,2,0.5,1", "line 3: 5 fields, the header has 6")]
    [InlineData("2024-01-02,1,2,0.5,1,10,x", "line 3: 7 fields, the header has 6")]
    [InlineData("2024-01-02,1,0.5,2,1,10", "line 3: high 0.5 is below low 2")]
    [InlineData("2024-01-02,3,2,0.5,1,10", "line 3: open 3 is outside low 0.5 .. high 2")]
    [InlineData("2024-01-02,1,2,0.5,0.4,10", "line 3: close 0.4 is outside low 0.5 .. high 2")]
    [InlineData("2024-01-02,1,2,0.5,1,-10", "line 3: volume -10 is negative")]
    [InlineData("2024-01-02,\"1,2,0.5,1,10", "line 3: a quoted cell is not closed, or text follows its closing quote")]
    public void Read_MalformedRow_ThrowsWithFileAndLineNumber(string row, string expected)
    {
        var csv = "date,open,high,low,close,volume\n2024-01-01,1,1,1,1,1\n" + row + "\n";

        var ex = Assert.Throws<InvalidDataException>(() => CsvCandleReader.Read(new StringReader(csv), "bad.csv"));

        Assert.Equal("bad.csv: " + expected, ex.Message);
    }

    [Fact]
    public void Read_SkipMalformedRows_CollectsErrorsAndKeepsGoodRows()
    {
        const string csv = "date,open,high,low,close\n2024-01-01,1,1,1,1\n2024-01-02,x,1,1,1\n\n2024-01-03,2,2,2,2\n2024-01-04,3,3,3,3\n2024-01-05,4,4,4,4\n";

        var file = CsvCandleReader.Read(new StringReader(csv), "some.csv", new CsvCandleReaderOptions { SkipMalformedRows = true });

        Assert.Equal([1m, 2m, 3m, 4m], file.Candles.Select(c => c.Close));
        Assert.Equal(["line 3: open 'x' is not a number"], file.Errors);
        Assert.Equal(Timeframe.OneDay, file.Timeframe);
    }

    [Theory]
    [InlineData("open,high,low,close\n", "must have a date (or time) column and open, high, low, close (volume optional); found 'open,high,low,close'")]
    [InlineData("date,open,high,close\n", "found 'date,open,high,close'")]
    [InlineData("date,time,open,high,low,close\n", "the columns 'date' and 'time' both name the time column")]
    [InlineData("", "the file is empty")]
    public void Read_UnusableHeader_ThrowsInvalidData(string csv, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => CsvCandleReader.Read(new StringReader(csv), "h.csv"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptySymbolCell_IsMalformed()
    {
        const string csv = "time,symbol,open,high,low,close\n1704164645,,1,1,1,1\n";

        var ex = Assert.Throws<InvalidDataException>(() => CsvCandleReader.Read(new StringReader(csv), "s.csv"));

        Assert.Equal("s.csv: line 2: symbol is empty", ex.Message);
    }

    [Fact]
    public void Read_Path_UsesFileNameInMessagesAndStemAsSymbol()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qp-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "date,open,high,low,close\n2024-01-01,1,1,1,1\n2024-01-02,1,1,1,oops\n");
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => CsvCandleReader.Read(path));
            Assert.Equal($"{Path.GetFileName(path)}: line 3: close 'oops' is not a number", ex.Message);

            File.WriteAllText(path, "date,open,high,low,close\n2024-01-01,1,1,1,1\n");
            Assert.Equal(Path.GetFileNameWithoutExtension(path), CsvCandleReader.Read(path).Candles[0].Symbol);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [ReferenceFact]
    public void Read_SkenderIntraday_MinuteBarsWithByteOrderMark()
    {
        var path = ReferenceData.PathOf("market-data", "skender", "intraday.csv");

        var file = CsvCandleReader.Read(path, new CsvCandleReaderOptions { Symbol = "SPY" });

        AssertMatchesFile(path, file);
        Assert.Equal(Timeframe.OneMinute, file.Timeframe);
        Assert.Equal("date", file.Columns[0]);
    }

    [ReferenceFact]
    public void Read_SkenderDaily_DailyBarsAcrossWeekends()
    {
        var path = ReferenceData.PathOf("vectors", "default.csv");

        var file = CsvCandleReader.Read(path);

        AssertMatchesFile(path, file);
        Assert.Equal(Timeframe.OneDay, file.Timeframe);
        Assert.All(file.Candles, c => Assert.Equal("default", c.Symbol));
    }

    // Checks every row against an independent reading of the file: split on commas, parse with the BCL.
    private static void AssertMatchesFile(string path, CsvCandleFile file)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        Assert.Equal(header, file.Columns);
        Assert.Equal(lines.Length - 1, file.Rows.Count);
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            var row = file.Rows[i - 1];
            Assert.Equal(cells, row.Cells);
            var time = DateTimeOffset.Parse(cells[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            Assert.Equal(time, row.Candle.OpenTime);
            Assert.Equal(decimal.Parse(cells[Array.IndexOf(header, "close")], CultureInfo.InvariantCulture), row.Candle.Close);
            Assert.Equal(decimal.Parse(cells[Array.IndexOf(header, "volume")], CultureInfo.InvariantCulture), row.Candle.Volume);
        }
    }
}
