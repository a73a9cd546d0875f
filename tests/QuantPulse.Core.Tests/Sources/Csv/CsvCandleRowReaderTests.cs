using QuantPulse.Model;
using QuantPulse.Sources.Csv;

namespace QuantPulse.Tests.Sources.Csv;

public class CsvCandleRowReaderTests
{
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
