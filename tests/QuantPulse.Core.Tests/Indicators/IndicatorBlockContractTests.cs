using System.Threading.Tasks.Dataflow;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class IndicatorBlockContractTests : BlockContractTests<IndicatorBlock, MarketBatch>
{
    protected override IndicatorBlock CreateBlock(int boundedCapacity, CancellationToken cancellationToken) =>
        new(new IndicatorBlockOptions { Indicators = [IndicatorSpec.Ema(3)], BoundedCapacity = boundedCapacity, CancellationToken = cancellationToken });

    protected override MarketBatch CreateMessage(int index)
    {
        var open = Ticks.Day.AddMinutes(index);
        var candle = new Candle("R_100", Timeframe.OneMinute, open, 100m, 101m, 99m, 100.5m, 1m, 1, true);
        return new MarketBatch(new[] { Ticks.Trade(open.AddMinutes(1), 100m) }, [new ClosedCandle(candle, 0)]);
    }

    protected override Func<int> StartConsuming(IndicatorBlock block)
    {
        var sink = new BufferBlock<MarketBatch>();
        block.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });
        return () => sink.Count;
    }

    protected override int BufferedCount(IndicatorBlock block) => block.InputCount + block.OutputCount;
}
