using QuantPulse.Model;
using QuantPulse.Simulation;

namespace QuantPulse.Tests.Simulation;

public class TradeMovementTests
{
    private static readonly DateTimeOffset Open = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(SignalType.Buy, 102, 2)]
    [InlineData(SignalType.Buy, 99, -1)]
    [InlineData(SignalType.Sell, 99, 1)]
    [InlineData(SignalType.Sell, 102, -2)]
    public void Percentage_PriceAgainstEntry_PositiveInTheTradesFavour(SignalType direction, int price, double expected)
    {
        var trade = new Trade("t", "s", "SIM_V100", direction, 100m, 95m, 110m, Open);

        Assert.Equal(expected, TradeMovement.Percentage(trade, price));
    }
}
