using QuantPulse.Model;
using QuantPulse.Signals;

namespace QuantPulse.Simulation;

/// <summary>
/// The paper-trade simulator's synchronous core: signals wait for the next tick of their asset and open a trade
/// at its price; every later tick of the asset before the trade's expiry is checked against its take profit and
/// stop loss, and the first tick that reaches one closes the trade at that tick's price. A trade still open at its
/// expiry closes there, at the last price of its asset seen before the expiry, whether a later tick, a later
/// signal or the clock (<see cref="OnClock"/>) finds it.
/// </summary>
/// <remarks>
/// <para>
/// Every trade depends only on the ticks' prices and times and the signals, never on when the clock readings come
/// or how the stream was batched, so the same ticks and signals give the same trades. See docs/simulation.md for
/// the rules. <see cref="OnTick"/> allocates nothing unless a trade opens or closes.
/// </para>
/// <para>Not thread-safe: one stream, one thread.</para>
/// </remarks>
internal sealed class TradeSimulator
{
    private readonly int _maxOpen;
    private readonly long _expiryTicks;
    private readonly TradeLevelAnchor _anchor;
    private readonly Action<Signal, SkippedSignalReason>? _onSkipped;
    private readonly Dictionary<string, Book> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _expiries = new(StringComparer.Ordinal);
    private string? _lastSymbol;
    private Book? _lastBook;
    private int _openCount;
    private int _pendingCount;
    private long _signals;
    private long _reloaded;
    private long _opened;
    private long _wins;
    private long _losses;
    private long _expired;
    private long _lateTicks;
    private long _invalidTicks;
    private readonly long[] _skipped = new long[Enum.GetValues<SkippedSignalReason>().Length];

    /// <summary>Creates a simulator.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="openTrades">Trades still open from an earlier run (reloaded from storage); they are watched like new ones.</param>
    /// <param name="onSkipped">Told about every signal that opens no trade, with the reason.</param>
    /// <exception cref="ArgumentException">A reloaded trade is closed, has impossible levels, or repeats an ID.</exception>
    public TradeSimulator(
        SimulatorOptions options,
        IEnumerable<Trade>? openTrades = null,
        Action<Signal, SkippedSignalReason>? onSkipped = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxOpen = options.MaxOpenTradesPerAsset;
        _expiryTicks = options.Expiry?.Ticks ?? long.MaxValue;
        _anchor = options.LevelAnchor;
        _onSkipped = onSkipped;
        var ids = new HashSet<string>(StringComparer.Ordinal);

        // Sorted, so the order of trades closed by the same tick does not depend on how storage returned them.
        foreach (var trade in (openTrades ?? []).OrderBy(t => t.OpenTime.UtcTicks).ThenBy(t => t.Id, StringComparer.Ordinal))
        {
            CheckReloaded(trade, ids);
            BookOf(trade.Asset).Open.Add(new Position(trade, ExpiryOf(trade.OpenTime)));
            _openCount++;
            _reloaded++;
        }
    }

    /// <summary>Whether any trade is open or any signal waits for its fill.</summary>
    public bool IsActive => _openCount + _pendingCount > 0;

    /// <summary>The counters so far.</summary>
    public SimulatorStatistics Statistics => new()
    {
        SignalsReceived = _signals,
        TradesReloaded = _reloaded,
        TradesOpened = _opened,
        Wins = _wins,
        Losses = _losses,
        Expired = _expired,
        OpenTrades = _openCount,
        PendingSignals = _pendingCount,
        SkippedTooManyOpenTrades = _skipped[(int)SkippedSignalReason.TooManyOpenTrades],
        SkippedFillBeyondLevel = _skipped[(int)SkippedSignalReason.FillBeyondLevel],
        SkippedInvalidSignal = _skipped[(int)SkippedSignalReason.InvalidSignal],
        SkippedAlreadyTraded = _skipped[(int)SkippedSignalReason.AlreadyTraded],
        LateTicks = _lateTicks,
        InvalidTicks = _invalidTicks,
    };

    /// <summary>The open trades, oldest first (ties by ID).</summary>
    public IReadOnlyList<Trade> GetOpenTrades() =>
        [.. _books.Values.SelectMany(b => b.Open).Select(p => p.Trade)
            .OrderBy(t => t.OpenTime.UtcTicks).ThenBy(t => t.Id, StringComparer.Ordinal)];

    /// <summary>Takes a signal: it waits for the next tick of its asset, or is skipped.</summary>
    /// <param name="signal">The signal.</param>
    /// <returns>Null when the signal waits for its fill; otherwise why it was skipped.</returns>
    public SkippedSignalReason? OnSignal(Signal signal) => OnSignal(signal, null);

    /// <summary>Takes a signal whose trade expires after <paramref name="expiry"/> instead of the configured expiry.</summary>
    /// <param name="signal">The signal.</param>
    /// <param name="expiry">The trade's own expiry, or null for the configured one.</param>
    /// <returns>Null when the signal waits for its fill; otherwise why it was skipped.</returns>
    public SkippedSignalReason? OnSignal(Signal signal, TimeSpan? expiry)
    {
        ArgumentNullException.ThrowIfNull(signal);
        _signals++;
        if (!HasValidLevels(signal.Type, signal.Entry, signal.StopLoss, signal.TakeProfit))
        {
            return Skip(signal, SkippedSignalReason.InvalidSignal);
        }

        var book = BookOf(signal.Asset);
        var tradeId = SignalIds.TradeFor(signal.Id);
        if (book.Open.Exists(p => p.Trade.Id == tradeId) || book.Pending.Exists(s => s.Id == signal.Id))
        {
            return Skip(signal, SkippedSignalReason.AlreadyTraded);
        }

        if (Holding(book, signal.Timestamp.UtcTicks) + book.Pending.Count >= _maxOpen)
        {
            return Skip(signal, SkippedSignalReason.TooManyOpenTrades);
        }

        book.Pending.Add(signal);
        _pendingCount++;
        if (expiry is { } own)
        {
            _expiries[signal.Id] = own.Ticks;
        }

        return null;
    }

    /// <summary>Applies one tick: closes the trades it reaches a level or the expiry of, then opens the waiting signals.</summary>
    /// <param name="tick">The tick.</param>
    /// <param name="position">The tick's index in its batch, for the events.</param>
    /// <param name="events">Receives the trades closed and opened, in that order.</param>
    public void OnTick(in Tick tick, int position, List<TradeEvent> events)
    {
        if (_openCount + _pendingCount == 0)
        {
            return;
        }

        Book? book;
        if (ReferenceEquals(tick.Symbol, _lastSymbol))
        {
            book = _lastBook;
        }
        else if (tick.Symbol is null || !_books.TryGetValue(tick.Symbol, out book))
        {
            return;
        }
        else
        {
            _lastSymbol = tick.Symbol;
            _lastBook = book;
        }

        if (book is null || book.Open.Count + book.Pending.Count == 0)
        {
            return;
        }

        if (tick.Price <= 0m)
        {
            _invalidTicks++;
            return;
        }

        var time = tick.Time.UtcTicks;
        var late = false;
        for (var i = 0; i < book.Open.Count;)
        {
            var open = book.Open[i];
            if (time < open.OpenTicks)
            {
                late = true;
                i++;
                continue;
            }

            if (Exit(open, book, tick.Price, time) is not { } closed)
            {
                i++;
                continue;
            }

            book.Open.RemoveAt(i);
            _openCount--;
            events.Add(new TradeEvent(closed, TradeEventKind.Closed, position));
        }

        if (time >= book.LastTicks)
        {
            book.LastPrice = tick.Price;
            book.LastTicks = time;
        }

        for (var i = 0; i < book.Pending.Count;)
        {
            var signal = book.Pending[i];
            if (time < signal.Timestamp.UtcTicks)
            {
                late = true;
                i++;
                continue;
            }

            book.Pending.RemoveAt(i);
            _pendingCount--;
            var ownExpiry = _expiries.Remove(signal.Id, out var own) ? own : (long?)null;
            if (Open(signal, tick) is { } trade)
            {
                book.Open.Add(new Position(trade, ExpiryOf(trade.OpenTime, ownExpiry)));
                _openCount++;
                _opened++;
                events.Add(new TradeEvent(trade, TradeEventKind.Opened, position));
            }
        }

        if (late)
        {
            _lateTicks++;
        }
    }

    /// <summary>Whether the levels are ordered for the direction and positive: stop &lt; entry &lt; target for a buy.</summary>
    private static bool HasValidLevels(SignalType type, decimal entry, decimal stopLoss, decimal takeProfit) =>
        type == SignalType.Buy
            ? stopLoss > 0m && stopLoss < entry && entry < takeProfit
            : type == SignalType.Sell && takeProfit > 0m && takeProfit < entry && entry < stopLoss;

    /// <summary>
    /// Closes every open trade whose expiry is at or before <paramref name="now"/>, at its expiry time and the last
    /// price of its asset seen before it: the clock's share of expiry, for assets whose ticks stopped.
    /// </summary>
    /// <param name="now">The clock reading (a heartbeat): every tick before it has been seen.</param>
    /// <param name="position">The position for the events (after the batch's ticks).</param>
    /// <param name="events">Receives the closed trades, by expiry then ID.</param>
    public void OnClock(DateTimeOffset now, int position, List<TradeEvent> events)
    {
        if (_openCount == 0)
        {
            return;
        }

        var first = events.Count;
        foreach (var book in _books.Values)
        {
            ExpireBook(book, now.UtcTicks, position, events);
        }

        if (events.Count - first > 1)
        {
            events.Sort(first, events.Count - first, ExpiryOrder.Instance);
        }
    }

    /// <summary>Closes the trade as expired at <paramref name="time"/> and <paramref name="price"/>.</summary>
    internal static Trade Expire(Trade trade, DateTimeOffset time, decimal price) => Close(trade, TradeResult.Expired, time, price);

    private static Trade Close(Trade trade, TradeResult result, DateTimeOffset time, decimal price)
    {
        return trade with
        {
            CloseTime = time,
            Result = result,
            ClosePrice = price,
            DurationSeconds = (time - trade.OpenTime).TotalSeconds,
            MovementPercentage = TradeMovement.Percentage(trade, price),
        };
    }

    // A trade expired by `time` no longer holds a slot, whether or not a tick or the clock has closed it yet: so
    // the limit does not depend on when the clock readings come.
    private static int Holding(Book book, long time)
    {
        var holding = 0;
        foreach (var open in book.Open)
        {
            holding += time < open.ExpiryTicks ? 1 : 0;
        }

        return holding;
    }

    // Expired by `time`: closed at the expiry with the last price before it (no tick of the book has reached the expiry yet).
    private void ExpireBook(Book book, long time, int position, List<TradeEvent> events)
    {
        for (var i = 0; i < book.Open.Count;)
        {
            var open = book.Open[i];
            if (time < open.ExpiryTicks)
            {
                i++;
                continue;
            }

            book.Open.RemoveAt(i);
            _openCount--;
            events.Add(new TradeEvent(ExpireAtDeadline(open, book), TradeEventKind.Closed, position));
        }
    }

    private Trade ExpireAtDeadline(Position open, Book book)
    {
        _expired++;
        var price = book.LastTicks >= open.OpenTicks ? book.LastPrice : open.Trade.EntryPrice;
        return Close(open.Trade, TradeResult.Expired, new DateTimeOffset(open.ExpiryTicks, TimeSpan.Zero), price);
    }

    private Trade? Exit(Position open, Book book, decimal price, long time)
    {
        if (time >= open.ExpiryTicks)
        {
            return ExpireAtDeadline(open, book);
        }

        var trade = open.Trade;
        var buy = trade.Direction == SignalType.Buy;
        if (buy ? price >= trade.TakeProfit : price <= trade.TakeProfit)
        {
            _wins++;
            return Close(trade, TradeResult.Win, new DateTimeOffset(time, TimeSpan.Zero), price);
        }

        if (buy ? price <= trade.StopLoss : price >= trade.StopLoss)
        {
            _losses++;
            return Close(trade, TradeResult.Loss, new DateTimeOffset(time, TimeSpan.Zero), price);
        }

        return null;
    }

    private Trade? Open(Signal signal, in Tick tick)
    {
        var price = tick.Price;
        var stopLoss = signal.StopLoss;
        var takeProfit = signal.TakeProfit;
        if (_anchor == TradeLevelAnchor.Fill)
        {
            var shift = price - signal.Entry;
            stopLoss += shift;
            takeProfit += shift;
        }

        if (!HasValidLevels(signal.Type, price, stopLoss, takeProfit))
        {
            Skip(signal, SkippedSignalReason.FillBeyondLevel);
            return null;
        }

        return new Trade(SignalIds.TradeFor(signal.Id), signal.Id, signal.Asset, signal.Type, price, stopLoss, takeProfit, tick.Time);
    }

    private SkippedSignalReason Skip(Signal signal, SkippedSignalReason reason)
    {
        _skipped[(int)reason]++;
        _onSkipped?.Invoke(signal, reason);
        return reason;
    }

    private long ExpiryOf(DateTimeOffset openTime, long? expiryTicks = null)
    {
        var open = openTime.UtcTicks;
        var expiry = expiryTicks ?? _expiryTicks;
        return expiry > long.MaxValue - open ? long.MaxValue : open + expiry;
    }

    private Book BookOf(string asset)
    {
        if (!_books.TryGetValue(asset, out var book))
        {
            book = new Book();
            _books.Add(asset, book);
        }

        return book;
    }

    private static void CheckReloaded(Trade trade, HashSet<string> ids)
    {
        ArgumentNullException.ThrowIfNull(trade, nameof(trade));
        if (!trade.IsOpen)
        {
            throw new ArgumentException($"Trade {trade.Id} is closed ({trade.Result}); only open trades can be reloaded.", nameof(trade));
        }

        if (string.IsNullOrEmpty(trade.Asset) || !HasValidLevels(trade.Direction, trade.EntryPrice, trade.StopLoss, trade.TakeProfit))
        {
            throw new ArgumentException(
                $"Trade {trade.Id} has impossible levels for a {trade.Direction}: stop {trade.StopLoss}, entry {trade.EntryPrice}, target {trade.TakeProfit}.",
                nameof(trade));
        }

        if (!ids.Add(trade.Id))
        {
            throw new ArgumentException($"Trade {trade.Id} is reloaded twice.", nameof(trade));
        }
    }

    private sealed class Book
    {
        public List<Position> Open { get; } = [];

        public List<Signal> Pending { get; } = [];

        /// <summary>The price of the newest tick seen (valid when <see cref="LastTicks"/> is not <see cref="long.MinValue"/>).</summary>
        public decimal LastPrice { get; set; }

        public long LastTicks { get; set; } = long.MinValue;
    }

    private sealed class ExpiryOrder : IComparer<TradeEvent>
    {
        public static readonly ExpiryOrder Instance = new();

        public int Compare(TradeEvent? x, TradeEvent? y)
        {
            var byTime = Nullable.Compare(x!.Trade.CloseTime, y!.Trade.CloseTime);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.Trade.Id, y.Trade.Id);
        }
    }

    private sealed class Position(Trade trade, long expiryTicks)
    {
        public Trade Trade { get; } = trade;

        public long OpenTicks { get; } = trade.OpenTime.UtcTicks;

        public long ExpiryTicks { get; } = expiryTicks;
    }
}
