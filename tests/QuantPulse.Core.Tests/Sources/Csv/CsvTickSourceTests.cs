using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Csv;

public class CsvTickSourceTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_EveryTimeForm_ParsesToUtc()
    {
        const string csv = """
            time,symbol,price
            2024-01-02T03:04:05Z,A,1
            2024-01-02T03:04:05.123Z,A,2
            2024-01-02T05:04:05+02:00,A,3
            2024-01-02 03:04:05,A,4
            2024-01-02,A,5
            1704164645,A,6
            1704164645.5,A,7
            1704164645123,A,8
            1704164645123.25,A,9
            """;

        var ticks = await Read(csv).ReadAsync().ToListAsync();

        Assert.Equal(
            [T0, T0.AddMilliseconds(123), T0, T0, new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero), T0,
             T0.AddMilliseconds(500), T0.AddMilliseconds(123), T0.AddTicks(1_232_500)],
            ticks.Select(t => t.Time));
        Assert.All(ticks, t => Assert.Equal(TimeSpan.Zero, t.Time.Offset));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (decimal)i), ticks.Select(t => t.Price));
    }

    [Fact]
    public async Task ReadAsync_MalformedRows_RejectedWithLineNumbersAndReplayGoesOn()
    {
        const string csv = """
            time,symbol,price,size
            2024-01-02T03:04:05Z,A,10.5,1
            not-a-time,A,10.5,1
            2024-01-02T03:04:06Z,A,abc,1
            2024-01-02T03:04:07Z,A
            2024-01-02T03:04:08Z,A,0,1
            2024-01-02T03:04:09Z,A,-3,1
            2024-01-02T03:04:10Z,A,10.5,-1
            2024-01-02T03:04:11Z,,10.5,1
            2024-01-02T03:04:12Z,A,NaN,1
            ,A,10.5,1
            0,A,10.5,1
            2024-01-02T03:04:13Z,A,,1
            2024-01-02T03:04:14Z,"A,10.5,1
            2024-01-02T03:04:15Z,A,10.75,
            """;
        var rejections = new List<SourceRejection>();
        var source = Read(csv, new CsvSourceOptions { OnRejected = rejections.Add });

        var ticks = await source.ReadAsync().ToListAsync();

        Assert.Equal([(T0, 10.5m, 1m), (T0.AddSeconds(10), 10.75m, 0m)], ticks.Select(t => (t.Time, t.Price, t.Size)));
        Assert.Equal(
            [
                "line 3: time 'not-a-time' is not an ISO-8601 time or Unix seconds/milliseconds",
                "line 4: price 'abc' is not a number",
                "line 5: 2 fields, the header needs 4",
                "line 6: price '0' is not positive",
                "line 7: price '-3' is not positive",
                "line 8: size '-1' is negative",
                "line 9: symbol is empty",
                "line 10: price 'NaN' is not a finite number",
                "line 11: time is empty",
                "line 12: time '0' is not after 1970-01-01T00:00:00Z",
                "line 13: price is empty",
                "line 14: a quoted field is not closed, or text follows its closing quote",
            ],
            rejections.Select(r => r.Message));
        Assert.Equal([3L, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], rejections.Select(r => r.LineNumber!.Value));
        Assert.All(rejections, r => Assert.Equal("csv:reader", r.Source));

        var stats = source.Statistics;
        Assert.Equal(2, stats.Accepted);
        Assert.Equal(6, stats.Rejected(TickRejection.Malformed));
        Assert.Equal(2, stats.Rejected(TickRejection.NonPositivePrice));
        Assert.Equal(1, stats.Rejected(TickRejection.NegativeSize));
        Assert.Equal(1, stats.Rejected(TickRejection.MissingSymbol));
        Assert.Equal(1, stats.Rejected(TickRejection.NotANumber));
        Assert.Equal(1, stats.Rejected(TickRejection.MissingTime));
        Assert.Equal(12, stats.TotalRejected);
        Assert.Equal(rejections.Select(r => r.Message), stats.RecentRejections());
    }

    [Fact]
    public async Task ReadAsync_HeaderInAnyOrderAndCase_FindsColumnsByNameAndIgnoresOthers()
    {
        const string csv = "\uFEFFExchange, Price ,SYMBOL,Epoch,Qty,note\r\nX,1.25,R_100,1704164645,3,hello\r\nX,1.5,R_100,1704164646,,\r\n";

        var ticks = await Read(csv).ReadAsync().ToListAsync();

        Assert.Equal(
            [new Tick("R_100", T0, 1.25m, 3m, TickSources.Csv), new Tick("R_100", T0.AddSeconds(1), 1.5m, 0m, TickSources.Csv)],
            ticks);
    }

    [Fact]
    public async Task ReadAsync_QuoteColumnAndQuotedFields_Parsed()
    {
        const string csv = """"
            "time","symbol","quote"
            "2024-01-02T03:04:05Z","EUR,USD","1.1"
            2024-01-02T03:04:06Z,"say ""hi""",2
            """";

        var ticks = await Read(csv).ReadAsync().ToListAsync();

        Assert.Equal(["EUR,USD", "say \"hi\""], ticks.Select(t => t.Symbol));
        Assert.Equal([1.1m, 2m], ticks.Select(t => t.Price));
    }

    [Fact]
    public async Task ReadAsync_RepeatedSymbol_SharesOneStringInstance()
    {
        var csv = new StringBuilder("time,symbol,price\n");
        for (var i = 0; i < 100; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{1704164645 + i},{(i % 2 == 0 ? "SYM_A" : "SYM_B")},1.{i}\n");
        }

        var ticks = await Read(csv.ToString()).ReadAsync().ToListAsync();

        Assert.Equal(100, ticks.Count);
        Assert.All(ticks.Where(t => t.Symbol == "SYM_A"), t => Assert.Same(ticks[0].Symbol, t.Symbol));
        Assert.All(ticks.Where(t => t.Symbol == "SYM_B"), t => Assert.Same(ticks[1].Symbol, t.Symbol));
    }

    [Fact]
    public async Task ReadAsync_BlankLinesAndMissingFinalNewline_Handled()
    {
        const string csv = "\n\ntime,symbol,price\n\n1704164645,A,1\n   \n1704164646,A,2";

        var source = Read(csv);
        var ticks = await source.ReadAsync().ToListAsync();

        Assert.Equal([1m, 2m], ticks.Select(t => t.Price));
        Assert.Equal(0, source.Statistics.TotalRejected);
    }

    [Fact]
    public async Task ReadAsync_NoSymbolColumnWithSymbolOption_UsesIt()
    {
        var ticks = await Read("time,price\n1704164645,1.5\n", new CsvSourceOptions { Symbol = "R_100", Source = TickSources.Deriv })
            .ReadAsync().ToListAsync();

        Assert.Equal([new Tick("R_100", T0, 1.5m, 0m, TickSources.Deriv)], ticks);
    }

    [Theory]
    [InlineData("time,price\n1704164645,1\n", "the header must have time, symbol and price columns (size optional); found 'time,price'")]
    [InlineData("symbol,price\nA,1\n", "found 'symbol,price'")]
    [InlineData("time,epoch,symbol,price\n", "the columns 'time' and 'epoch' both name the time column")]
    [InlineData("time,,price\n", "column 2 of the header has no name")]
    [InlineData("", "the file is empty")]
    [InlineData("\n  \n", "the file is empty")]
    public async Task ReadAsync_UnusableHeader_ThrowsInvalidDataNamingProblem(string csv, string expected)
    {
        var source = Read(csv);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () => await source.ReadAsync().ToListAsync());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("reader: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_FileAndStreamAndReader_YieldTheSameTicks()
    {
        const string csv = "time,symbol,price,size\r\n2024-01-02T03:04:05Z,A,1.10,2\r\n2024-01-02T03:04:06Z,B,1.20,0.5\r\n";
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            var fileSource = new CsvTickSource(path);
            var fromFile = await fileSource.ReadAsync().ToListAsync();
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
            var fromStream = await new CsvTickSource(stream).ReadAsync().ToListAsync();
            var fromReader = await Read(csv).ReadAsync().ToListAsync();

            Assert.Equal(2, fromFile.Count);
            Assert.Equal(fromFile, fromStream);
            Assert.Equal(fromFile, fromReader);
            Assert.Equal("csv:" + Path.GetFileName(path), fileSource.Name);
            Assert.True(stream.CanRead); // the caller's stream is left open
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReadAsync_MissingFile_ThrowsFileNotFound()
    {
        var source = new CsvTickSource(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv"));

        await Assert.ThrowsAsync<FileNotFoundException>(async () => await source.ReadAsync().ToListAsync());
    }

    [Fact]
    public async Task ReadAsync_ManyRowsAcrossBufferRefills_ReadsEveryRow()
    {
        const int rows = 150_000;
        var csv = new StringBuilder("time,symbol,price,size\n", rows * 40);
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{1704164645000L + i},SYM_{i % 7},{100 + (i % 1000)}.{i % 100:00},{i % 5}\n");
        }

        var source = Read(csv.ToString());
        long count = 0;
        decimal sum = 0;
        await foreach (var tick in source.ReadAsync())
        {
            Assert.Equal(T0.AddMilliseconds(count), tick.Time);
            count++;
            sum += tick.Size;
        }

        Assert.Equal(rows, count);
        Assert.Equal(rows, source.Statistics.Accepted);
        Assert.Equal(Enumerable.Range(0, rows).Sum(i => i % 5), sum);
    }

    [Fact]
    public async Task ReadAsync_LineLongerThanLimit_RejectedAndReplayGoesOn()
    {
        var csv = "time,symbol,price\n1704164645,A,1\n1704164646,A," + new string('9', 1 << 21) + "\n1704164647,A,3\n";
        var source = Read(csv);

        var ticks = await source.ReadAsync().ToListAsync();

        Assert.Equal([1m, 3m], ticks.Select(t => t.Price));
        Assert.Equal(["line 3: longer than 1048576 characters"], source.Statistics.RecentRejections());
    }

    [Fact]
    public async Task ReadAsync_ManyRejections_LogsFirstTenOfAReasonThenEveryThousandth()
    {
        var csv = new StringBuilder("time,symbol,price\n");
        for (var i = 0; i < 2000; i++)
        {
            csv.Append("1704164645,A,x\n");
        }

        var logger = new ListLogger<CsvTickSource>();
        var source = new CsvTickSource(new StringReader(csv.ToString()), logger: logger);

        await source.ReadAsync().ToListAsync();

        var warnings = logger.Entries.Where(e => e.EventId.Id == 2100).ToList();
        Assert.Equal(12, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.Contains("line 2: price 'x' is not a number", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("line 2001:", warnings[^1].Message, StringComparison.Ordinal);
        Assert.Single(logger.Entries, e => e.EventId.Id == 2101);
        Assert.Equal(2000, source.Statistics.Rejected(TickRejection.Malformed));
    }

    [Fact]
    public async Task GetWatermark_Fast_IsLatestTimeHandedOut()
    {
        var source = Read("time,symbol,price\n1704164650,A,1\n1704164645,A,2\n1704164660,A,3\n");
        Assert.Null(source.GetWatermark(T0));

        await using var ticks = source.ReadAsync().GetAsyncEnumerator();
        Assert.True(await ticks.MoveNextAsync());
        Assert.Equal(T0.AddSeconds(5), source.GetWatermark(T0));
        Assert.True(await ticks.MoveNextAsync()); // recorded out of order: the watermark does not go back
        Assert.Equal(T0.AddSeconds(5), source.GetWatermark(T0));
        Assert.True(await ticks.MoveNextAsync());
        Assert.Equal(T0.AddSeconds(15), source.GetWatermark(T0));
    }

    [Fact]
    public async Task ReadAsync_Paced_FirstTickAtOnceThenRecordedGapsDividedBySpeed()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var wallStart = clock.GetUtcNow();
        var source = Read(
            "time,symbol,price\n1704164645,A,1\n1704164649,A,2\n1704164647,A,3\n1704164653,A,4\n",
            new CsvSourceOptions { Pacing = TickPacing.Paced, Speed = 2 },
            clock);
        await using var ticks = source.ReadAsync().GetAsyncEnumerator();

        Assert.True(await ticks.MoveNextAsync());
        Assert.Equal((1m, T0), (ticks.Current.Price, ticks.Current.Time));

        var second = ticks.MoveNextAsync(); // recorded 4 s later: due 2 s later at speed 2
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(second.IsCompleted);
        Assert.Equal(T0.AddSeconds(2), source.GetWatermark(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await second);
        Assert.Equal((2m, T0.AddSeconds(4)), (ticks.Current.Price, ticks.Current.Time));

        var third = ticks.MoveNextAsync(); // recorded before the previous tick: not delayed
        Assert.True(third.IsCompleted);
        Assert.True(await third);
        Assert.Equal(3m, ticks.Current.Price);

        var fourth = ticks.MoveNextAsync(); // recorded 8 s after the first: due at wallStart + 4 s
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(T0.AddSeconds(7), source.GetWatermark(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(5)); // the clock runs past the tick: the watermark stops at it until it is handed out
        Assert.True(await fourth);
        Assert.Equal(wallStart.AddSeconds(8.5), clock.GetUtcNow());
        Assert.Equal(T0.AddSeconds(8), source.GetWatermark(clock.GetUtcNow()));
        Assert.False(await ticks.MoveNextAsync());
    }

    [Fact]
    public async Task ReadAsync_PacedCancelledWhileWaiting_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var clock = new ManualTimeProvider();
        var source = Read("time,symbol,price\n1704164645,A,1\n1704164745,A,2\n", new CsvSourceOptions { Pacing = TickPacing.Paced }, clock);
        await using var ticks = source.ReadAsync(cts.Token).GetAsyncEnumerator();
        Assert.True(await ticks.MoveNextAsync());

        var next = ticks.MoveNextAsync();
        Assert.False(next.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
    }

    [Fact]
    public async Task ReadAsync_CancelledBeforeStart_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Read("time,symbol,price\n1704164645,A,1\n").ReadAsync(cts.Token).ToListAsync());
    }

    [Fact]
    public async Task ReadAsync_SecondCall_Throws()
    {
        var source = Read("time,symbol,price\n1704164645,A,1\n");
        await source.ReadAsync().ToListAsync();

        Assert.Throws<InvalidOperationException>(() => source.ReadAsync());
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        Assert.Equal("Speed", Assert.Throws<ArgumentOutOfRangeException>(() => new CsvSourceOptions { Speed = 0 }).ParamName);
        Assert.Equal("Speed", Assert.Throws<ArgumentOutOfRangeException>(() => new CsvSourceOptions { Speed = double.PositiveInfinity }).ParamName);
        Assert.Equal("Pacing", Assert.Throws<ArgumentOutOfRangeException>(() => new CsvSourceOptions { Pacing = (TickPacing)9 }).ParamName);
        Assert.Equal("Symbol", Assert.Throws<ArgumentException>(() => new CsvSourceOptions { Symbol = " " }).ParamName);
        Assert.Equal("Source", Assert.Throws<ArgumentException>(() => new CsvSourceOptions { Source = "" }).ParamName);
    }

    [ReferenceFact]
    public async Task ReadAsync_DerivVolatility100Extract_EveryRowMatchesIndependentParse()
    {
        var path = ReferenceData.PathOf("market-data", "deriv", "R_100_2025-04-26_first1236.csv");
        var lines = await File.ReadAllLinesAsync(path);
        var expected = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f => new Tick(
            f[1], DateTimeOffset.FromUnixTimeSeconds(long.Parse(f[0], CultureInfo.InvariantCulture)),
            decimal.Parse(f[2], CultureInfo.InvariantCulture), 0m, TickSources.Deriv)).ToList();
        var source = new CsvTickSource(path, new CsvSourceOptions { Source = TickSources.Deriv });

        var ticks = await source.ReadAsync().ToListAsync();

        Assert.Equal(expected, ticks);
        Assert.Equal(expected.Select(t => t.Price.ToString(CultureInfo.InvariantCulture)), ticks.Select(t => t.Price.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(0, source.Statistics.TotalRejected);
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(2), p.Second.Time - p.First.Time));
        Assert.All(ticks, t => Assert.Same(ticks[0].Symbol, t.Symbol));
        Assert.Equal(ticks[^1].Time, source.GetWatermark(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void ReadBatch_SixInterleavedSymbols_EachTickKeepsItsSymbolAsOneInstance()
    {
        // More symbols than the parser compares byte for byte before hashing, names sharing prefixes and lengths.
        string[] names = ["AB", "ABC", "ABD", "B", "ABCD", "XY"];
        var csv = new StringBuilder("time,symbol,price\n");
        for (var i = 0; i < 600; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{1704164645 + i},{names[i % names.Length]},{i + 1}\n");
        }

        var source = Read(csv.ToString());
        var ticks = new Tick[600];

        Assert.Equal(600, source.ReadBatch(ticks));
        Assert.Equal(Enumerable.Range(0, 600).Select(i => names[i % names.Length]), ticks.Select(t => t.Symbol));
        Assert.All(ticks, t => Assert.Same(ticks[Array.IndexOf(names, t.Symbol)].Symbol, t.Symbol));
    }

    [Fact]
    public void ReadBatch_Utf8Rows_AllocatesNothingPerRow()
    {
        // 20,000 rows over two symbols, crossing an hour (the ISO prefix is parsed again) and alternating scales.
        var csv = new StringBuilder("time,symbol,price,size\n");
        for (var i = 0; i < 20_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{T0.AddMilliseconds(i * 250):yyyy-MM-dd'T'HH:mm:ss.fff'Z'},{(i % 3 == 0 ? "BTC" : "ETH")},{100 + (i % 50 / 100m)},{i % 7}.5\n");
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var allocated = Allocations.Fewest(() =>
        {
            var source = new CsvTickSource(new MemoryStream(bytes));
            var ticks = new Tick[1024];
            long count = source.ReadBatch(ticks); // opens the input, reads the header and meets both symbols
            var bytesAllocated = Allocations.Of(() =>
            {
                int read;
                while ((read = source.ReadBatch(ticks)) > 0)
                {
                    count += read;
                }
            });
            Assert.Equal(20_000, count);
            Assert.Equal(20_000, source.Statistics.Accepted);
            return bytesAllocated;
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task ReadBatch_MixedGoodAndBadRows_SameTicksRejectionsAndStatisticsAsReadAsync()
    {
        var csv = new StringBuilder("time,symbol,price,size\n");
        for (var i = 0; i < 3000; i++)
        {
            csv.Append((i % 97) switch
            {
                0 => "not a time,X,1,1",
                1 => $"{1_700_000_000 + i},X,NaN,1",
                2 => $"{1_700_000_000 + i},X,-2,1",
                3 => string.Empty,
                4 => $"\"{1_700_000_000 + i}\",\"Y\",\"3.5\",\"\"",
                _ => $"{T0.AddSeconds(i):yyyy-MM-ddTHH:mm:ss.fffZ}, {(i % 3 == 0 ? "X" : "Y")} ,{100 + (i % 17)}.{i % 100:00},{i % 5}",
            }).Append('\n');
        }

        var asyncRejections = new List<SourceRejection>();
        var batchRejections = new List<SourceRejection>();
        var viaAsync = Read(csv.ToString(), new CsvSourceOptions { OnRejected = asyncRejections.Add });
        var viaBatch = Read(csv.ToString(), new CsvSourceOptions { OnRejected = batchRejections.Add });

        var expected = await viaAsync.ReadAsync().ToListAsync();
        var actual = new List<Tick>();
        var buffer = new Tick[7];
        int read;
        while ((read = viaBatch.ReadBatch(buffer)) > 0)
        {
            actual.AddRange(buffer.AsSpan(0, read));
        }

        Assert.True(expected.Count > 2500);
        Assert.Equal(expected, actual);
        Assert.Equal(asyncRejections, batchRejections);
        Assert.Equal(viaAsync.Statistics.Accepted, viaBatch.Statistics.Accepted);
        Assert.Equal(viaAsync.Statistics.TotalRejected, viaBatch.Statistics.TotalRejected);
        Assert.Equal(viaAsync.GetWatermark(DateTimeOffset.MaxValue), viaBatch.GetWatermark(DateTimeOffset.MaxValue));
        Assert.Equal(0, viaBatch.ReadBatch(buffer));
    }

    [Fact]
    public async Task ReadBatch_AfterReadAsync_Throws()
    {
        var source = Read("time,symbol,price\n1700000000,X,1\n");
        await source.ReadAsync().ToListAsync();

        Assert.Throws<InvalidOperationException>(() => source.ReadBatch(new Tick[4]));
    }

    [Fact]
    public void ReadBatch_NoHeader_ThrowsInvalidData()
    {
        var source = Read(string.Empty);

        var error = Assert.Throws<InvalidDataException>(() => source.ReadBatch(new Tick[4]));
        Assert.Contains("the file is empty", error.Message, StringComparison.Ordinal);
    }

    private static CsvTickSource Read(string csv, CsvSourceOptions? options = null, TimeProvider? clock = null) =>
        new(new StringReader(csv), options, clock);
}
