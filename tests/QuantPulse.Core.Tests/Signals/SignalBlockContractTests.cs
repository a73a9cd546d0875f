using System.Threading.Tasks.Dataflow;
using QuantPulse.Model;
using QuantPulse.Signals;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Signals;

public class SignalBlockContractTests : BlockContractTests<SignalBlock, MarketBatch>
{
    protected override SignalBlock CreateBlock(int boundedCapacity, CancellationToken cancellationToken) =>
        new(StrategySpec.UtBot(), new SignalBlockOptions { BoundedCapacity = boundedCapacity, CancellationToken = cancellationToken });

    protected override MarketBatch CreateMessage(int index)
    {
        var candle = TradingTesting.Minute(index, 100m + index);
        return new MarketBatch(
            new[] { Ticks.Trade(candle.CloseTime, 100m + index) },
            [new ClosedCandle(candle, 0) { Indicators = TradingTesting.Values(("atr_tv_10", 1.0), ("atr_tv_14", 1.0)) }]);
    }

    protected override Func<int> StartConsuming(SignalBlock block)
    {
        var sink = new BufferBlock<MarketBatch>();
        block.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });
        return () => sink.Count;
    }

    protected override int BufferedCount(SignalBlock block) => block.InputCount + block.OutputCount;
}
