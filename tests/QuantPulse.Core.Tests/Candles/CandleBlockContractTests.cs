using System.Threading.Tasks.Dataflow;
using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Candles;

public class CandleBlockContractTests : BlockContractTests<CandleBlock, TickBatch>
{
    protected override CandleBlock CreateBlock(int boundedCapacity, CancellationToken cancellationToken) =>
        new(new CandleBlockOptions { BoundedCapacity = boundedCapacity, CancellationToken = cancellationToken });

    protected override TickBatch CreateMessage(int index) =>
        new(new Tick[] { Ticks.Trade(Ticks.At("10:00:00").AddSeconds(index * 40), 100m + index) });

    protected override Func<int> StartConsuming(CandleBlock block)
    {
        // A buffer takes each batch as it is offered, so its count is final once the block has completed.
        var sink = new BufferBlock<MarketBatch>();
        block.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });
        return () => sink.Count;
    }

    protected override int BufferedCount(CandleBlock block) => block.InputCount + block.OutputCount;
}
