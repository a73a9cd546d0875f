using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Model;
using QuantPulse.Storage;
using QuantPulse.Trading.Internal;

namespace QuantPulse.Trading;

/// <summary>
/// The built-in broker: fills orders against live ticks, keeps cash and positions, and stores everything so a
/// restart carries on with the same open orders and positions.
/// </summary>
/// <remarks>
/// <para>
/// Fill rules, tick by tick: a market order fills at the next tick's price; a limit order when a tick reaches its
/// limit, at the tick's price (a gap through the limit fills at the better tick price); a stop order when a tick
/// reaches its stop, at the tick's price (a gap through the stop fills at the worse tick price); a stop-limit order
/// becomes a limit order when its stop is reached. Slippage moves a fill against the trader but never past a
/// limit. When <see cref="PaperBrokerOptions.FillAgainstTickSize"/> is on, a tick with a size fills at most that
/// size, shared by the orders in placement order. A bracket's exits are placed once its entry is done, for the
/// quantity that filled, and follow the same rules; one cancels the other.
/// </para>
/// <para>
/// Every order passes <see cref="PreTradeRisk"/> first; a refused order is stored as rejected, its reason naming the
/// rule. Day orders expire at the end of their UTC day, checked on every call and tick with the
/// <see cref="TimeProvider"/> of the <see cref="FeedWatch"/>. All members are thread-safe; calls run one at a time.
/// </para>
/// </remarks>
public sealed class PaperBroker : IBroker, IAsyncDisposable
{
    private const string AccountName = "paper";

    private readonly PaperBrokerOptions _options;
    private readonly FeedWatch _feed;
    private readonly ITradingStore _store;
    private readonly PaperBook _book;
    private readonly OrderPublisher _updates;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _nextId;
    private int _disposed;

    private PaperBroker(PaperBrokerOptions options, FeedWatch feed, ITradingStore store, TradingSnapshot snapshot, ILogger logger)
    {
        _options = options;
        _feed = feed;
        _store = store;
        _book = new PaperBook(options, snapshot);
        _nextId = snapshot.Orders.Count(o => o.Leg == OrderLeg.None);
        _updates = new OrderPublisher(ex => Log.SubscriberFailed(logger, ex));
    }

    /// <inheritdoc/>
    public string Name => "paper";

    /// <inheritdoc/>
    public bool IsExternal => false;

    /// <inheritdoc/>
    public IObservable<Order> OrderUpdates => _updates;

    /// <summary>Opens a paper account, reloading its orders, positions and cash from <paramref name="storage"/>.</summary>
    /// <param name="options">Fill, fee, slippage and risk settings.</param>
    /// <param name="feed">The latest prices and tick arrivals (the stale-feed rule and the clock).</param>
    /// <param name="storage">Where to keep the account; null keeps it in memory only.</param>
    /// <param name="loggerFactory">Receives logs; null logs nothing.</param>
    /// <param name="cancellationToken">Aborts opening.</param>
    /// <returns>The broker.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="feed"/> is null.</exception>
    public static async Task<PaperBroker> OpenAsync(
        PaperBrokerOptions options,
        FeedWatch feed,
        StorageOptions? storage = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(feed);
#pragma warning disable CA2000 // The broker owns the store from here; it is disposed below if opening fails.
        ITradingStore store = storage is null
            ? new MemoryTradingStore()
            : await LinqTradingStore.OpenAsync(storage, loggerFactory, cancellationToken).ConfigureAwait(false);
#pragma warning restore CA2000
        try
        {
            var snapshot = await store.LoadAsync(AccountName, cancellationToken).ConfigureAwait(false);
            var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PaperBroker>();
            var open = snapshot.Orders.Count(o => o.IsOpen);
            var held = snapshot.Positions.Count(p => p.Quantity != 0m);
            Log.Opened(logger, open, held);
            return new PaperBroker(options, feed, store, snapshot, logger);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Applies one tick: records it in the feed, expires day orders, and fills what it reaches.</summary>
    /// <param name="tick">The tick.</param>
    /// <param name="cancellationToken">Aborts storing the changes.</param>
    /// <returns>A task that completes when the changes are stored and published.</returns>
    public async Task OnTickAsync(Tick tick, CancellationToken cancellationToken = default)
    {
        _feed.Observe(tick);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changes = _book.Expire(_feed.Time.GetUtcNow());
            changes.Add(_book.OnTick(tick));
            await CommitAsync(changes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<Order> PlaceOrderAsync(OrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changes = _book.Expire(_feed.Time.GetUtcNow());
            if (request.ClientOrderId is { } clientId && _book.ByClientId(clientId) is { } existing)
            {
                await CommitAsync(changes, cancellationToken).ConfigureAwait(false);
                return _book.Get(existing.Id)!;
            }

            var rejection = PreTradeRisk.Check(request, _options.Risk, _feed, _book.PositionOf(request.Symbol), _book.OpenOrderCount);
            var id = string.Create(CultureInfo.InvariantCulture, $"paper-{_nextId + 1:D6}");
            changes.Add(_book.Submit(request, id, _feed.Time.GetUtcNow(), rejection));
            _nextId++;
            await CommitAsync(changes, cancellationToken).ConfigureAwait(false);
            return _book.Get(id)!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<Order?> CancelOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changes = _book.Expire(_feed.Time.GetUtcNow());
            changes.Add(_book.Cancel(orderId, _feed.Time.GetUtcNow(), "canceled on request"));
            await CommitAsync(changes, cancellationToken).ConfigureAwait(false);
            return _book.Get(orderId);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public Task<Order?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) =>
        Read(() => _book.Get(orderId), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Order>> GetOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(() => _book.Orders(query), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Position>> GetPositionsAsync(CancellationToken cancellationToken = default) =>
        Read(_book.Positions, cancellationToken);

    /// <inheritdoc/>
    public Task<Account> GetAccountAsync(CancellationToken cancellationToken = default) =>
        Read(() => _book.Account(_options.Currency), cancellationToken);

    /// <summary>Waits for a running call and releases the storage.</summary>
    /// <returns>A task that completes when the broker is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        // Disposing twice (a host that registered the broker under several services) is harmless.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        _gate.Dispose();
    }

    private async Task<T> Read<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return read();
        }
        finally
        {
            _gate.Release();
        }
    }

    // Stored before it is published: a subscriber never sees a change a restart would lose.
    private async Task CommitAsync(BookChanges changes, CancellationToken cancellationToken)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        await _store.SaveAsync(AccountName, changes, _book.SequenceOf, _book.Cash, _book.Fees, _book.FillSequence, cancellationToken).ConfigureAwait(false);
        _updates.Publish(changes.Orders);
    }
}
