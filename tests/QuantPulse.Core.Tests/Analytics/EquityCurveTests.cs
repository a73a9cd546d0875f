using QuantPulse.Analytics;
using QuantPulse.Model;

namespace QuantPulse.Tests.Analytics;

public class EquityCurveTests
{
    private static readonly DateTimeOffset Open = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_ClosedTradesInAnyOrder_SumsInCloseOrderWithDrawdownFromThePeak()
    {
        Trade[] trades =
        [
            Closed("b", minutes: 2, movement: -3),
            Closed("a", minutes: 1, movement: 2),
            Closed("c", minutes: 3, movement: 0.5),
            new Trade("open", "s", "SIM_V100", SignalType.Buy, 100m, 95m, 110m, Open),
        ];

        var curve = EquityCurve.From(trades);

        Assert.Equal(["a", "b", "c"], curve.Select(p => p.TradeId));
        Assert.Equal([2, -1, -0.5], curve.Select(p => p.CumulativeMovementPercentage));
        Assert.Equal([0, -3, -2.5], curve.Select(p => p.DrawdownPercentage));
    }

    [Fact]
    public void From_NoClosedTrades_IsEmpty() => Assert.Empty(EquityCurve.From([]));

    private static Trade Closed(string id, int minutes, double movement) =>
        new Trade(id, "s", "SIM_V100", SignalType.Buy, 100m, 95m, 110m, Open) with
        {
            CloseTime = Open.AddMinutes(minutes),
            Result = movement > 0 ? TradeResult.Win : TradeResult.Loss,
            MovementPercentage = movement,
        };
}
