using QuantPulse.Dashboard.Api;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Pipeline;

namespace QuantPulse.Dashboard.Feed;

/// <summary>
/// Fans every batch of the pipeline out to the WebSocket clients that subscribed to it. Runs inside the pipeline as a
/// consumer but never waits: each client has its own bounded queue, so a slow client never slows the pipeline or
/// the other clients.
/// </summary>
internal sealed class UpdateFeed(UpdateFeedClients counter, FeedMetrics metrics, TimeProvider timeProvider) : IPipelineContributor
{
    /// <summary>Ticks a client may have queued before its oldest are dropped.</summary>
    public const int TickQueueLength = 4096;

    /// <summary>Candles, signals, trades, alerts, orders and replies a client may have queued before it is closed with 1013.</summary>
    public const int EventQueueLength = 4096;

    private const int StrategyMemory = 8192;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _strategies = new(StringComparer.Ordinal);
    private readonly Queue<string> _strategyOrder = new();
    private FeedClient[] _clients = [];

    public int Order => 360;

    public int ClientCount => Volatile.Read(ref _clients).Length;

    public ValueTask ContributeAsync(MarketPipelineBuilder builder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OnBatch(Publish);
        return ValueTask.CompletedTask;
    }

    /// <summary>The feed's instruments.</summary>
    public FeedMetrics Metrics => metrics;

    /// <summary>Adds a client; dispose the result to remove it.</summary>
    public IDisposable Add(FeedClient client)
    {
        lock (_gate)
        {
            _clients = [.. _clients, client];
        }

        counter.Add();
        return new Removal(this, client);
    }

    /// <summary>Queues a batch's ticks, candles, signals and trades for every client that wants them.</summary>
    public void Publish(MarketBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var raised in batch.Signals)
        {
            Remember(raised.Signal.Id, raised.Signal.Strategy);
        }

        var clients = Volatile.Read(ref _clients);
        if (clients.Length == 0)
        {
            return;
        }

        var now = timeProvider.GetTimestamp();
        foreach (var tick in batch.Ticks.Span)
        {
            FeedMessage? message = null;
            foreach (var client in clients)
            {
                if (client.Wants(FeedChannels.Tick, tick.Symbol))
                {
                    message ??= new FeedMessage(FeedProtocol.Tick(tick), true, now);
                    client.Queue.Enqueue(message);
                }
            }
        }

        foreach (var candle in batch.Candles)
        {
            Send(clients, FeedChannels.Candle, candle.Candle.Symbol, () => FeedProtocol.Candle(candle), now);
        }

        foreach (var raised in batch.Signals)
        {
            Send(clients, FeedChannels.Signal, raised.Signal.Asset, () => FeedProtocol.Signal(SignalDto.From(raised.Signal)), now);
        }

        foreach (var evt in batch.Trades)
        {
            var strategy = StrategyOf(evt.Trade.SignalId);
            var kind = evt.Kind == TradeEventKind.Opened ? "opened" : "closed";
            Send(clients, FeedChannels.Trade, evt.Trade.Asset, () => FeedProtocol.Trade(TradeDto.From(evt.Trade, strategy), kind), now);
        }
    }

    /// <summary>Queues an alert trigger for every client subscribed to its symbol's <c>alert</c> channel.</summary>
    public void PublishAlert(AlertTriggerDto trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        Send(Volatile.Read(ref _clients), FeedChannels.Alert, trigger.Symbol, () => FeedProtocol.Alert(trigger), timeProvider.GetTimestamp());
    }

    /// <summary>Queues an order's change for every client subscribed to its symbol's <c>order</c> channel.</summary>
    public void PublishOrder(OrderDto order)
    {
        ArgumentNullException.ThrowIfNull(order);
        Send(Volatile.Read(ref _clients), FeedChannels.Order, order.Symbol, () => FeedProtocol.Order(order), timeProvider.GetTimestamp());
    }

    private static void Send(FeedClient[] clients, FeedChannels channel, string symbol, Func<byte[]> serialize, long now)
    {
        FeedMessage? message = null;
        foreach (var client in clients)
        {
            if (client.Wants(channel, symbol))
            {
                message ??= new FeedMessage(serialize(), false, now);
                client.Queue.Enqueue(message);
                if (client.Queue.Overflowed)
                {
                    client.OnOverflow();
                }
            }
        }
    }

    private void Remember(string signalId, string strategy)
    {
        lock (_gate)
        {
            if (_strategies.TryAdd(signalId, strategy))
            {
                _strategyOrder.Enqueue(signalId);
                if (_strategyOrder.Count > StrategyMemory)
                {
                    _strategies.Remove(_strategyOrder.Dequeue());
                }
            }
        }
    }

    private string StrategyOf(string signalId)
    {
        lock (_gate)
        {
            return _strategies.GetValueOrDefault(signalId) ?? string.Empty;
        }
    }

    private void Remove(FeedClient client)
    {
        lock (_gate)
        {
            var before = _clients.Length;
            _clients = [.. _clients.Where(c => !ReferenceEquals(c, client))];
            if (_clients.Length == before)
            {
                return;
            }
        }

        counter.Remove();
    }

    private sealed class Removal(UpdateFeed feed, FeedClient client) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Remove(client);
            }
        }
    }
}
