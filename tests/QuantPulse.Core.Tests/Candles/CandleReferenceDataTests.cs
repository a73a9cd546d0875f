using System.Globalization;
using System.IO.Compression;
using System.Threading.Tasks.Dataflow;
using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Candles;

/// <summary>Candles built from real recorded ticks, checked against independent computations.</summary>
public class CandleReferenceDataTests
{
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(30);
    private static readonly Timeframe M1 = Timeframe.OneMinute;
    private static readonly Timeframe M5 = Timeframe.FiveMinutes;
    private static readonly Timeframe H1 = Timeframe.OneHour;

    // 2013-10-07 falls in US daylight saving time: New York is UTC-4 all day.
    private static readonly DateTimeOffset LeanSessionDay = new(2013, 10, 7, 0, 0, 0, TimeSpan.FromHours(-4));

    [ReferenceFact]
    public async Task DerivTicks_ThreeTimeframes_MatchGroupByAndAggregation()
    {
        var ticks = ReadDeriv();
        var end = M5.BucketStart(ticks[^1].Time) + M5.Duration;

        var (block, closed) = await RunAsync(ticks, batchSize: 100, heartbeat: end);

        var minutes = Of(closed, M1);
        Assert.Equal(CandleOracle.FromTicks(ticks, M1), minutes);
        Assert.Equal(40, minutes.Count(c => c.TickCount == 30));
        Assert.Equal(CandleOracle.Aggregate(minutes, M5), Of(closed, M5));
        var hours = CandleOracle.Aggregate(minutes, H1);
        Assert.Equal(hours[..^1], Of(closed, H1));
        Assert.Equal(hours[^1] with { IsClosed = false }, block.GetForming("R_100", H1));
        Assert.Equal(new CandleStatistics(ticks.Length, ticks.Length, 0, 0, 0, closed.Count, 0, 0, 1, 1), block.Statistics);
    }

    [ReferenceFact]
    public async Task DerivTicks_ClosedByData_EachCandleSitsBeforeTheFirstTickOfTheNextBucket()
    {
        var ticks = ReadDeriv();

        var (block, closed) = await RunAsync(ticks, batchSize: 64, heartbeat: null);

        Assert.NotEmpty(closed);
        foreach (var (candle, index) in closed)
        {
            Assert.True(ticks[index].Time >= candle.CloseTime);
            Assert.True(ticks[index - 1].Time < candle.CloseTime);
        }

        // Without a heartbeat the minute in progress stays open: nothing closes before its bucket is over.
        var last = CandleOracle.FromTicks(ticks, M1)[^1];
        Assert.DoesNotContain(closed, c => c.Candle.OpenTime == last.OpenTime && c.Candle.Timeframe == M1);
        Assert.Equal(last with { IsClosed = false }, block.GetForming("R_100", M1));
    }

    [ReferenceFact]
    public void LeanSpyTrades_OneMinute_MatchLeanMinuteBarsWithinTolerance()
    {
        // LEAN's bars take prices only from regular sale conditions but count every trade in the volume.
        string[] excluded = ["20", "20000020", "20100000", "20100200"];
        var trades = ReadLeanSpyTrades();
        var bars = ReadLeanSpyMinuteBars();
        var priced = Build(trades.Where(t => !excluded.Contains(t.Condition)).Select(t => t.Tick));
        var all = Build(trades.Select(t => t.Tick));

        var pricesMatch = bars.Count(b => priced.TryGetValue(b.OpenTime, out var c)
            && (c.Open, c.High, c.Low, c.Close) == (b.Open, b.High, b.Low, b.Close));
        var volumesMatch = bars.Count(b => all.TryGetValue(b.OpenTime, out var c) && c.Volume == b.Volume);

        Assert.Equal(828, bars.Count);
        Assert.InRange(pricesMatch, 820, bars.Count);
        Assert.InRange(volumesMatch, 820, bars.Count);

        static Dictionary<DateTimeOffset, Candle> Build(IEnumerable<Tick> ticks)
        {
            var block = new CandleBuilderHarness();
            foreach (var tick in ticks)
            {
                block.Add(tick);
            }

            return block.Finish().ToDictionary(c => c.OpenTime);
        }
    }

    private static async Task<(CandleBlock Block, List<(Candle Candle, int Index)> Closed)> RunAsync(
        Tick[] ticks,
        int batchSize,
        DateTimeOffset? heartbeat)
    {
        var block = new CandleBlock(new CandleBlockOptions { Timeframes = [M1, M5, H1] });
        var received = new List<MarketBatch>();
        var sink = new ActionBlock<MarketBatch>(received.Add);
        block.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });
        for (var i = 0; i < ticks.Length; i += batchSize)
        {
            await block.SendAsync(new TickBatch(ticks.AsMemory(i, Math.Min(batchSize, ticks.Length - i))));
        }

        if (heartbeat is { } instant)
        {
            await block.SendAsync(TickBatch.ForHeartbeat(instant));
        }

        block.Complete();
        await sink.Completion.WaitAsync(HangTimeout);

        var closed = new List<(Candle, int)>();
        var offset = 0;
        foreach (var batch in received)
        {
            closed.AddRange(batch.Candles.Select(c => (c.Candle, offset + c.Position)));
            offset += batch.Ticks.Length;
        }

        return (block, closed);
    }

    private static List<Candle> Of(List<(Candle Candle, int Index)> closed, Timeframe timeframe) =>
        [.. closed.Select(c => c.Candle).Where(c => c.Timeframe == timeframe)];

    private static Tick[] ReadDeriv()
    {
        var path = ReferenceData.PathOf("market-data", "deriv", "R_100_2025-04-26_first1236.csv");
        return
        [
            .. File.ReadLines(path).Skip(1).Select(line =>
            {
                var fields = line.Split(',');
                return new Tick(
                    fields[1],
                    DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields[0], CultureInfo.InvariantCulture)),
                    decimal.Parse(fields[2], CultureInfo.InvariantCulture),
                    0m,
                    TickSources.Csv);
            }),
        ];
    }

    private static List<(Tick Tick, string Condition)> ReadLeanSpyTrades() =>
        [
            .. ReadZippedCsv("tick", "spy", "20131007_trade.zip").Select(f => (
                new Tick(
                    "SPY",
                    LeanSessionDay.AddMilliseconds(double.Parse(f[0], CultureInfo.InvariantCulture)).ToUniversalTime(),
                    decimal.Parse(f[1], CultureInfo.InvariantCulture) / 10_000m,
                    decimal.Parse(f[2], CultureInfo.InvariantCulture),
                    TickSources.Csv),
                f[4])),
        ];

    private static List<Candle> ReadLeanSpyMinuteBars() =>
        [
            .. ReadZippedCsv("minute", "spy", "20131007_trade.zip").Select(f => new Candle(
                "SPY",
                M1,
                LeanSessionDay.AddMilliseconds(double.Parse(f[0], CultureInfo.InvariantCulture)).ToUniversalTime(),
                decimal.Parse(f[1], CultureInfo.InvariantCulture) / 10_000m,
                decimal.Parse(f[2], CultureInfo.InvariantCulture) / 10_000m,
                decimal.Parse(f[3], CultureInfo.InvariantCulture) / 10_000m,
                decimal.Parse(f[4], CultureInfo.InvariantCulture) / 10_000m,
                decimal.Parse(f[5], CultureInfo.InvariantCulture),
                0,
                IsClosed: true)),
        ];

    private static List<string[]> ReadZippedCsv(string resolution, string ticker, string file)
    {
        var path = ReferenceData.PathOf("market-data", "lean", "equity", "usa", resolution, ticker, file);
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.Entries.Single().Open());
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            rows.Add(line.Split(','));
        }

        return rows;
    }

    // Drives the state machine directly with one batch position per tick, as a back-test would.
    private sealed class CandleBuilderHarness
    {
        private readonly CandleBuilder _builder = new(new CandleBlockOptions { HistoryLength = 1000 });
        private readonly List<ClosedCandle> _closed = [];

        public void Add(Tick tick) => _builder.Add(in tick, _closed, 0);

        public IEnumerable<Candle> Finish()
        {
            _builder.Scan(DateTimeOffset.MaxValue, _closed, 0);
            return _closed.Select(c => c.Candle);
        }
    }
}
