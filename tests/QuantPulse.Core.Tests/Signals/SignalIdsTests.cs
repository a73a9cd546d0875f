using QuantPulse.Model;
using QuantPulse.Signals;

namespace QuantPulse.Tests.Signals;

public sealed class SignalIdsTests
{
    private static readonly DateTimeOffset Open = new(2025, 4, 26, 13, 52, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1m")]
    [InlineData("15m")]
    [InlineData("4h")]
    public void TimeframeOf_StrategySignalId_IsTheTimeframeOfItsCandle(string timeframe)
    {
        var candle = new Candle("R_100", Timeframe.Parse(timeframe), Open, 1m, 1m, 1m, 1m, 1m, 1, true);
        var signal = Stored(SignalIds.For("utbot", candle), "utbot", "R_100");

        Assert.Equal(Timeframe.Parse(timeframe), SignalIds.TimeframeOf(signal));
    }

    [Theory]
    [InlineData("manual:0f8fad5bd9cb469fa16570867728950e", "manual", "R_100")]
    [InlineData("utbot:R_10:1m:20250426T135200Z", "utbot", "R_100")]
    [InlineData("utbot:R_100:7m:20250426T135200Z", "utbot", "R_100")]
    [InlineData("utbot:R_100:1m", "utbot", "R_100")]
    public void TimeframeOf_IdOfAnotherForm_IsNull(string id, string strategy, string asset) =>
        Assert.Null(SignalIds.TimeframeOf(Stored(id, strategy, asset)));

    // As the store gives it back: no timeframe.
    private static Signal Stored(string id, string strategy, string asset) =>
        new(id, asset, Open, SignalType.Buy, 1, 1m, 0.9m, 1.2m, 2, strategy, []);
}
