using System.Collections.Frozen;
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

    // Who gets each symbol's ticks, rebuilt whenever a client comes, goes or changes its subscriptions: the tick path
    // looks a symbol up once instead of asking every client.
    private volatile TickRoutes _tickRoutes = TickRoutes.None;

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
        client.SubscriptionChanged = RebuildTickRoutes;
        lock (_gate)
        {
            _clients = [.. _clients, client];
        }

        RebuildTickRoutes();
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
        var routes = _tickRoutes;
        foreach (var tick in batch.Ticks.Span)
        {
            var named = routes.BySymbol.GetValueOrDefault(tick.Symbol) ?? [];
            if (routes.AllSymbols.Length == 0 && named.Length == 0)
            {
                continue;
            }

            var message = new FeedMessage(FeedProtocol.Tick(tick), true, now);
            foreach (var client in routes.AllSymbols)
            {
                client.Queue.Enqueue(message);
            }

            foreach (var client in named)
            {
                client.Queue.Enqueue(message);
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

        client.SubscriptionChanged = null;
        RebuildTickRoutes();
        counter.Remove();
    }

    private void RebuildTickRoutes()
    {
        lock (_gate)
        {
            _tickRoutes = TickRoutes.Of(_clients);
        }
    }

    /// <summary>The clients that take every symbol's ticks, and by symbol those that named it (and do not take every symbol).</summary>
    private sealed record TickRoutes(FeedClient[] AllSymbols, FrozenDictionary<string, FeedClient[]> BySymbol)
    {
        public static readonly TickRoutes None = new([], FrozenDictionary<string, FeedClient[]>.Empty);

        public static TickRoutes Of(FeedClient[] clients)
        {
            var subscribed = clients.Select(c => (Client: c, Wants: c.Subscriptions)).Where(c => (c.Wants.Channels & FeedChannels.Tick) != 0).ToList();
            var all = subscribed.Where(c => c.Wants.AllSymbols).Select(c => c.Client).ToArray();
            var bySymbol = subscribed
                .Where(c => !c.Wants.AllSymbols)
                .SelectMany(c => c.Wants.Symbols.Select(symbol => (Symbol: symbol, c.Client)))
                .GroupBy(c => c.Symbol, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.Select(c => c.Client).ToArray(), StringComparer.Ordinal);
            return new TickRoutes(all, bySymbol);
        }
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
