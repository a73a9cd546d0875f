using QuantPulse.Model;
using QuantPulse.Storage.Internal;
using static QuantPulse.Tests.Storage.StorageSamples;

namespace QuantPulse.Tests.Storage.Internal;

public sealed class TickSequenceTests
{
    [Fact]
    public void Number_TicksInTimeOrder_CountsTicksOfOneSymbolAtOneStoredInstant()
    {
        Tick[] ticks =
        [
            Tick(T0, 1m), Tick(T0, 1m, symbol: "BTCUSDT"), Tick(T0.AddTicks(5), 2m), Tick(T0.AddTicks(10), 3m),
            Tick(T0, 4m, symbol: "BTCUSDT"), Tick(T0.AddTicks(10), 5m), Tick(T0.AddTicks(20), 6m),
        ];

        Assert.Equal([0, 0, 1, 0, 1, 1, 0], TickSequence.Number(ticks));
    }

    [Fact]
    public void Number_ASymbolGoingBackInTime_NumbersEveryInstantInBatchOrder()
    {
        Tick[] ticks = [Tick(T0, 1m), Tick(T0.AddSeconds(1), 2m), Tick(T0, 3m), Tick(T0.AddSeconds(1), 4m), Tick(T0, 5m, symbol: "BTCUSDT")];

        Assert.Equal([0, 0, 1, 1, 0], TickSequence.Number(ticks));
    }
}
