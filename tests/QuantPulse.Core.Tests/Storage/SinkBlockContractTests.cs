using QuantPulse.Model;
using QuantPulse.Storage;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Storage;

/// <summary>The block contract for <see cref="SinkBlock"/>: messages are "consumed" once the store has them.</summary>
public sealed class SinkBlockContractTests : BlockContractTests<SinkBlock, MarketBatch>, IAsyncDisposable
{
    private readonly FakeMarketStore _store = new();

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    protected override SinkBlock CreateBlock(int boundedCapacity, CancellationToken cancellationToken)
    {
        // Writes wait for StartConsuming; the buffer holds as many items as the input holds batches.
        _store.CloseGate();
        return new SinkBlock(
            _store,
            new SinkBlockOptions { BatchSize = 1, BoundedCapacity = boundedCapacity, BufferCapacity = boundedCapacity, CancellationToken = cancellationToken });
    }

    protected override MarketBatch CreateMessage(int index) => SinkBatches.Candles(index, 1);

    protected override Func<int> StartConsuming(SinkBlock block)
    {
        _store.OpenGate();
        return () => _store.CandleCount;
    }

    protected override int BufferedCount(SinkBlock block) => block.Statistics.Backlog + block.InputCount;
}
