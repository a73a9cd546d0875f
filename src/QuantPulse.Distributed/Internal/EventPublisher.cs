using QuantPulse.Model;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Internal;

/// <summary>Appends the candles, signals, trade events and last prices of a stored batch to the events stream, one entry per batch.</summary>
internal sealed class EventPublisher(IDatabase redis, RedisKey stream, long maxLength)
{
    public async Task PublishAsync(MarketBatch batch)
    {
        if (batch.Ticks.IsEmpty && batch.Candles.Count == 0 && batch.Signals.Count == 0 && batch.Trades.Count == 0)
        {
            return;
        }

        await redis.StreamAddAsync(stream, EventCodec.FieldName, EventCodec.Encode(batch), maxLength: maxLength, useApproximateMaxLength: true).ConfigureAwait(false);
    }
}
