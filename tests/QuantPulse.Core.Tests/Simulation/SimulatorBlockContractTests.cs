using System.Threading.Tasks.Dataflow;
using QuantPulse.Model;
using QuantPulse.Simulation;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Simulation;

public class SimulatorBlockContractTests : BlockContractTests<SimulatorBlock, MarketBatch>
{
    protected override SimulatorBlock CreateBlock(int boundedCapacity, CancellationToken cancellationToken) =>
        new(new SimulatorOptions { BoundedCapacity = boundedCapacity, CancellationToken = cancellationToken, MaxOpenTradesPerAsset = 100 });

    protected override MarketBatch CreateMessage(int index)
    {
        var time = Ticks.Day.AddMinutes(index);
        var signal = TradingTesting.Signal(SignalType.Buy, 100m, 99m, 102m, time, id: $"contract-{index}");
        return new MarketBatch(new[] { Ticks.Trade(time, 100m + (index * 0.1m)) }, [], [new RaisedSignal(signal, 0)], []);
    }

    protected override Func<int> StartConsuming(SimulatorBlock block)
    {
        var sink = new BufferBlock<MarketBatch>();
        block.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });
        return () => sink.Count;
    }

    protected override int BufferedCount(SimulatorBlock block) => block.InputCount + block.OutputCount;
}
