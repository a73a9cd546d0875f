using QuantPulse.Candles;
using QuantPulse.Model;

namespace QuantPulse.Tests.Candles;

public class CandleResamplerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 22, 0, 0, TimeSpan.Zero);

    // Three hours of ticks every 7 s across midnight UTC, with a quiet 23 minutes (no ticks) in the middle.
    private static List<Tick> Ticks()
    {
        var ticks = new List<Tick>();
        for (var i = 0; i < (3 * 3600 / 7); i++)
        {
            var time = Start.AddSeconds(7 * i);
            if (time >= Start.AddMinutes(61) && time < Start.AddMinutes(84))
            {
                continue;
            }

            var price = 100m + Math.Round((decimal)Math.Sin(i * 0.37) * 3m, 2) + (i % 11 * 0.01m);
            ticks.Add(new Tick("SYM", time, price, 1 + (i % 5), "test"));
        }

        return ticks;
    }

    private static List<Candle> Build(IEnumerable<Tick> ticks, bool fillGaps, params Timeframe[] timeframes)
    {
        var builder = new CandleBuilder(new CandleBlockOptions { Timeframes = timeframes, FillGaps = fillGaps });
        var output = new List<ClosedCandle>();
        foreach (var tick in ticks)
        {
            builder.Add(tick, output, 0);
        }

        builder.Scan(Start.AddDays(2), output, 0);
        return [.. output.Select(c => c.Candle)];
    }

    [Theory]
    [InlineData(false, "5m")]
    [InlineData(false, "15m")]
    [InlineData(false, "1h")]
    [InlineData(false, "1d")]
    [InlineData(true, "5m")]
    [InlineData(true, "1h")]
    public void Resample_OneMinuteCandles_EqualLiveCandlesOfTheSameTicks(bool fillGaps, string target)
    {
        var timeframe = Timeframe.Parse(target);
        var live = Build(Ticks(), fillGaps, Timeframe.OneMinute, timeframe);
        var minutes = live.Where(c => c.Timeframe == Timeframe.OneMinute).ToList();

        var resampled = CandleResampler.Resample(minutes, timeframe, Start.AddDays(2));

        Assert.Equal(live.Where(c => c.Timeframe == timeframe), resampled);
    }

    [Fact]
    public void Resample_LastBucketNotReached_IsOpenUnlessTheClockPassedIt()
    {
        var minutes = Enumerable.Range(0, 7)
            .Select(i => new Candle("SYM", Timeframe.OneMinute, Start.AddMinutes(i), 10 + i, 12 + i, 9 + i, 11 + i, 2, 3, true))
            .ToList();

        var onData = CandleResampler.Resample(minutes, Timeframe.FiveMinutes);
        var onClock = CandleResampler.Resample(minutes, Timeframe.FiveMinutes, Start.AddMinutes(10));

        Assert.Equal(2, onData.Count);
        Assert.Equal(new Candle("SYM", Timeframe.FiveMinutes, Start, 10, 16, 9, 15, 10, 15, true), onData[0]);
        Assert.Equal(new Candle("SYM", Timeframe.FiveMinutes, Start.AddMinutes(5), 15, 18, 14, 17, 4, 6, false), onData[1]);
        Assert.True(onClock[1].IsClosed);
    }

    [Fact]
    public void Resample_UploadedBarsWithoutTickCounts_AreRealBars()
    {
        var minutes = new[]
        {
            new Candle("SYM", Timeframe.OneMinute, Start, 10, 12, 9, 11, 5, 0, true),
            new Candle("SYM", Timeframe.OneMinute, Start.AddMinutes(1), 11, 11, 11, 11, 0, 0, true),
            new Candle("SYM", Timeframe.OneMinute, Start.AddMinutes(2), 11, 14, 8, 13, 7, 0, true),
        };

        var candle = Assert.Single(CandleResampler.Resample(minutes, Timeframe.FifteenMinutes));

        Assert.Equal((10m, 14m, 8m, 13m, 12m), (candle.Open, candle.High, candle.Low, candle.Close, candle.Volume));
    }

    [Fact]
    public void Resample_TargetNotAMultiple_Throws()
    {
        var hours = new[] { new Candle("SYM", Timeframe.FourHours, Start, 1, 1, 1, 1, 1, 1, true) };

        Assert.Throws<ArgumentException>(() => CandleResampler.Resample(hours, Timeframe.OneHour));
    }

    [Fact]
    public void Resample_MixedSymbols_Throws()
    {
        var minutes = new[]
        {
            new Candle("A", Timeframe.OneMinute, Start, 1, 1, 1, 1, 1, 1, true),
            new Candle("B", Timeframe.OneMinute, Start.AddMinutes(1), 1, 1, 1, 1, 1, 1, true),
        };

        Assert.Throws<ArgumentException>(() => CandleResampler.Resample(minutes, Timeframe.FiveMinutes));
    }
}
