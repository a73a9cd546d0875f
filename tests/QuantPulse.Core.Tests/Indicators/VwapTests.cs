using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class VwapTests : IndicatorContractTests<double>
{
    protected override string ExpectedName => "VWAP";

    protected override int ExpectedWarmUpPeriod => 1;

    [Fact]
    public void Next_NewUtcDay_RestartsTheSession()
    {
        var start = new DateTimeOffset(2024, 3, 1, 22, 0, 0, TimeSpan.Zero);
        Candle Hour(int h, decimal price, decimal volume) =>
            new("X", Timeframe.OneHour, start.AddHours(h), price, price, price, price, volume, 1, IsClosed: true);

        var vwap = new[] { Hour(0, 10m, 1m), Hour(1, 13m, 2m), Hour(2, 20m, 3m), Hour(3, 30m, 1m) }.ToVwap();

        Assert.Equal([10, 12, 20, 22.5], vwap.Select(p => p.Value));
    }

    [Fact]
    public void Next_SessionWithoutVolume_HasNoValueUntilVolumeArrives()
    {
        var candles = TestCandles.RandomWalk(3);
        candles[0] = candles[0] with { Volume = 0m };
        var intraday = candles.Select((c, i) => c with { Timeframe = Timeframe.OneHour, OpenTime = TestCandles.Start.AddHours(i) }).ToArray();

        var vwap = intraday.ToVwap();

        Assert.Null(vwap[0].Value);
        Assert.NotNull(vwap[1].Value);
    }

    protected override IIndicator<double> CreateIndicator() => new Vwap();

    protected override double?[] Components(double value) => [value];

    protected override IReadOnlyList<IndicatorPoint<double>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToVwap();

    // No peer vector holds a session VWAP; the hourly seeded fixture's independent computation stands in.
    protected override void AssertMatchesPeerVectors() =>
        SeriesAssert.Matches(
            SeededFixtures.Session.Column("vwap"), SeededFixtures.Session.Candles.ToVwap(), v => v, Tolerance.Relative9, nullsMustMatch: true, SeededFixtures.SessionFile + " vwap");
}
