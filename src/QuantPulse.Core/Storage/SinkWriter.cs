using QuantPulse.Internal.Batching;

namespace QuantPulse.Storage;

/// <summary>
/// Writes a <see cref="SinkChunk"/> to the store table by table (candles, signals, trades, ticks), marking each
/// table done once written, so a retried chunk resumes with the table that failed; counts what it wrote.
/// </summary>
internal sealed class SinkWriter(IMarketStore store) : IBatchWriter<SinkChunk>
{
    private long _candles;
    private long _signals;
    private long _trades;
    private long _ticks;

    public long CandlesWritten => Interlocked.Read(ref _candles);

    public long SignalsWritten => Interlocked.Read(ref _signals);

    public long TradesWritten => Interlocked.Read(ref _trades);

    public long TicksWritten => Interlocked.Read(ref _ticks);

    public async Task WriteAsync(SinkChunk chunk, CancellationToken cancellationToken)
    {
        if (!chunk.CandlesDone && chunk.Candles.Count > 0)
        {
            await store.Candles.SaveAsync(chunk.Candles, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _candles, chunk.Candles.Count);
        }

        chunk.CandlesDone = true;
        if (!chunk.SignalsDone && chunk.Signals.Count > 0)
        {
            await store.Signals.SaveAsync(chunk.Signals, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _signals, chunk.Signals.Count);
        }

        chunk.SignalsDone = true;
        if (!chunk.TradesDone && chunk.Trades.Count > 0)
        {
            await store.Trades.UpsertAsync(chunk.Trades, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _trades, chunk.Trades.Count);
        }

        chunk.TradesDone = true;
        if (!chunk.TicksDone && !chunk.Ticks.IsEmpty)
        {
            await store.Ticks.SaveAsync(chunk.Ticks, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _ticks, chunk.Ticks.Length);
        }

        chunk.TicksDone = true;
    }
}
