namespace QuantPulse.Model;

/// <summary>
/// The message that flows between stages after the candle stage: the ticks of one <see cref="TickBatch"/>
/// and everything the stages derived from them, each placed at the point of the tick stream where it happened.
/// </summary>
/// <remarks>
/// <para>
/// Keeping ticks and derived events in one ordered stream is what makes a run deterministic whatever the
/// batching or timing: a stage downstream (the simulator, for instance) sees a candle close, and anything
/// derived from it, exactly between the tick that closed it and the ticks that followed.
/// </para>
/// <para>
/// A <see cref="MarketBatch"/> is immutable; stages that add information create a new batch with
/// <see cref="WithCandles"/>. The tick memory is shared, never copied.
/// </para>
/// </remarks>
public sealed class MarketBatch
{
    /// <summary>Creates a batch.</summary>
    /// <param name="ticks">The ticks in arrival order (every tick the source yielded, including late ones).</param>
    /// <param name="candles">The candles closed while these ticks were processed, in the order they closed.</param>
    /// <param name="heartbeat">The clock reading that ended the batch, if any.</param>
    public MarketBatch(ReadOnlyMemory<Tick> ticks, IReadOnlyList<ClosedCandle> candles, DateTimeOffset? heartbeat = null)
        : this(ticks, candles, [], [], heartbeat)
    {
    }

    /// <summary>Creates a batch with everything the stages derived.</summary>
    /// <param name="ticks">The ticks in arrival order.</param>
    /// <param name="candles">The candles closed, in close order.</param>
    /// <param name="signals">The signals raised, in order.</param>
    /// <param name="trades">The trade events, in order.</param>
    /// <param name="heartbeat">The clock reading that ended the batch, if any.</param>
    public MarketBatch(
        ReadOnlyMemory<Tick> ticks,
        IReadOnlyList<ClosedCandle> candles,
        IReadOnlyList<RaisedSignal> signals,
        IReadOnlyList<TradeEvent> trades,
        DateTimeOffset? heartbeat = null)
    {
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(trades);
        Ticks = ticks;
        Candles = candles;
        Signals = signals;
        Trades = trades;
        Heartbeat = heartbeat;
    }

    /// <summary>The ticks, in arrival order.</summary>
    public ReadOnlyMemory<Tick> Ticks { get; }

    /// <summary>The candles that closed, in close order, each with its position in <see cref="Ticks"/>.</summary>
    public IReadOnlyList<ClosedCandle> Candles { get; }

    /// <summary>The signals raised on this batch's candles, in order, each at its candle's position.</summary>
    public IReadOnlyList<RaisedSignal> Signals { get; }

    /// <summary>The simulated trades opened and closed by this batch's ticks, in order.</summary>
    public IReadOnlyList<TradeEvent> Trades { get; }

    /// <summary>The clock reading that ended the batch, if any.</summary>
    public DateTimeOffset? Heartbeat { get; }

    /// <summary>Returns a copy with other candles.</summary>
    /// <param name="candles">The replacement candles (for example the same candles with indicator values).</param>
    /// <returns>The new batch.</returns>
    public MarketBatch WithCandles(IReadOnlyList<ClosedCandle> candles) => new(Ticks, candles, Signals, Trades, Heartbeat);

    /// <summary>Returns a copy with other signals.</summary>
    /// <param name="signals">The signals.</param>
    /// <returns>The new batch.</returns>
    public MarketBatch WithSignals(IReadOnlyList<RaisedSignal> signals) => new(Ticks, Candles, signals, Trades, Heartbeat);

    /// <summary>Returns a copy with other trade events.</summary>
    /// <param name="trades">The trade events.</param>
    /// <returns>The new batch.</returns>
    public MarketBatch WithTrades(IReadOnlyList<TradeEvent> trades) => new(Ticks, Candles, Signals, trades, Heartbeat);
}
