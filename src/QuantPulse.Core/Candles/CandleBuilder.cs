using System.Diagnostics;
using QuantPulse.Model;

namespace QuantPulse.Candles;

/// <summary>
/// The candle state machine: turns ticks and clock readings into closed candles, for several timeframes per
/// symbol. Pure, synchronous and single-threaded; <see cref="CandleBlock"/> serialises access to it.
/// </summary>
/// <remarks>
/// <para>
/// Per symbol the builder keeps the latest instant it has been told about (<c>MaxTime</c>: the newest applied
/// tick or heartbeat). Every bucket that ends at or before that instant is closed, in every timeframe. A tick
/// whose shortest-timeframe bucket is already closed is late: counted, not applied to any timeframe, so the
/// coarser candles always equal the aggregation of the finer ones.
/// </para>
/// <para>
/// Within the open bucket an older tick is still applied: high, low, volume and count take it; open is the
/// tick with the earliest time (the first to arrive wins a tie) and close the tick with the latest time (the
/// last to arrive wins a tie).
/// </para>
/// <para>
/// Candles closed by one call are appended in chronological order of their close time; candles with the same
/// close time keep the order symbol (first seen first), then timeframe (shortest first).
/// </para>
/// </remarks>
internal sealed partial class CandleBuilder
{
    // A tick in the last day of the calendar would give a one-day bucket an end DateTimeOffset cannot hold.
    private bool _ended;

    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    // Slots of the direct-mapped symbol cache (a power of two).
    private const int SymbolCacheSize = 64;

    private static readonly long FirstUnsupportedTime = DateTimeOffset.MaxValue.UtcTicks + 1 - TimeSpan.TicksPerDay;

    private readonly Timeframe[] _timeframes;
    private readonly int _historyLength;
    private readonly bool _fillGaps;
    private readonly long _maxGapFill;
    private readonly bool _dropNotNewer;
    private readonly Dictionary<string, SymbolState> _symbols = new(StringComparer.Ordinal);
    private readonly List<SymbolState> _symbolOrder = [];
    private SortKey[] _sortKeys = [];
    private ClosedCandle[] _sortItems = [];
    private readonly SymbolSlot[] _symbolCache = new SymbolSlot[SymbolCacheSize];
    private string? _lastSymbol;
    private SymbolState? _lastState;
    private long _horizon = long.MinValue;

    private long _ticksReceived;
    private long _ticksApplied;
    private long _lateTicks;
    private long _duplicateTicks;
    private long _invalidTicks;
    private long _candlesClosed;
    private long _gapCandles;
    private long _gapCandlesSkipped;
    private long _heartbeats;

    /// <summary>Creates a builder.</summary>
    /// <param name="options">Validated options (the block passes its own copy).</param>
    public CandleBuilder(CandleBlockOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeframes = [.. options.Timeframes];
        _historyLength = options.HistoryLength;
        _fillGaps = options.FillGaps;
        _maxGapFill = options.MaxGapFill;
        _dropNotNewer = options.DuplicatePolicy == DuplicateTickPolicy.DropNotNewer;
    }

    /// <summary>The timeframes, shortest first.</summary>
    public IReadOnlyList<Timeframe> Timeframes => _timeframes;

    /// <summary>Every tick given to <see cref="Add"/>.</summary>
    public long TicksReceived => _ticksReceived;

    /// <summary>Ticks applied to the forming candles.</summary>
    public long TicksApplied => _ticksApplied;

    /// <summary>Ticks for an already closed bucket.</summary>
    public long LateTicks => _lateTicks;

    /// <summary>Ticks dropped by <see cref="DuplicateTickPolicy.DropNotNewer"/>.</summary>
    public long DuplicateTicks => _duplicateTicks;

    /// <summary>Ticks that failed validation, or whose size would overflow a candle's volume.</summary>
    public long InvalidTicks => _invalidTicks;

    /// <summary>Candles built from ticks that closed.</summary>
    public long CandlesClosed => _candlesClosed;

    /// <summary>Flat candles emitted by gap filling.</summary>
    public long GapCandles => _gapCandles;

    /// <summary>Empty buckets not filled because the gap exceeded the fill limit.</summary>
    public long GapCandlesSkipped => _gapCandlesSkipped;

    /// <summary>The symbol of the most recent late tick, if any.</summary>
    public string? LastLateSymbol { get; private set; }

    /// <summary>The time (UTC ticks) of the most recent late tick.</summary>
    public long LastLateTime { get; private set; }

    /// <summary>Applies one tick. Allocates nothing unless a candle closes or a symbol is seen for the first time.</summary>
    /// <param name="tick">The tick.</param>
    /// <param name="output">Receives the candles this tick closes, in chronological order.</param>
    /// <param name="position">The index of <paramref name="tick"/> in its batch, stored as <see cref="ClosedCandle.Position"/>.</param>
    public void Add(in Tick tick, List<ClosedCandle> output, int position)
    {
        _ticksReceived++;
        var time = tick.Time.UtcTicks;
        var values = new TickValues(tick.Price, tick.Size);
        if (time >= FirstUnsupportedTime || !IsValid(in tick, time, in values))
        {
            _invalidTicks++;
            return;
        }

        if (_ended)
        {
            _lateTicks++;
            LastLateSymbol = tick.Symbol;
            LastLateTime = time;
            return;
        }

        // Sources share one string instance per symbol, so a reference match in the symbol's cache slot finds its
        // state without hashing the string; anything else goes through the dictionary.
        var symbol = tick.Symbol;
        ref var slot = ref _symbolCache[SymbolSlotOf(symbol)];
        var state = ReferenceEquals(slot.Symbol, symbol) ? slot.State! : Resolve(symbol, ref slot);

        // Late: the tick's bucket in the shortest timeframe has closed. Buckets nest, so every coarser bucket
        // that is closed contains only closed shorter buckets and one check covers all timeframes.
        if (time < state.OpenFloor)
        {
            _lateTicks++;
            LastLateSymbol = state.Symbol;
            LastLateTime = time;
            return;
        }

        // A size the volume cannot take: the coarsest forming candle holds the largest volume, so one check covers all.
        if (state.Series[^1].WouldOverflow(time, in values))
        {
            _invalidTicks++;
            return;
        }

        if (time <= state.LastTickTime)
        {
            if (_dropNotNewer)
            {
                _duplicateTicks++;
                return;
            }
        }
        else
        {
            state.LastTickTime = time;
        }

        if (time > state.MaxTime)
        {
            state.Advance(time);
        }

        var before = output.Count;
        var series = state.Series;
        for (var i = 0; i < series.Length; i++)
        {
            var s = series[i];
            if (s.HasForming && (ulong)(time - s.FormingStart) < (ulong)s.Duration)
            {
                s.Update(time, in values);
            }
            else
            {
                Roll(state, s, time, in values, output, position);
            }
        }

        _ticksApplied++;
        if (output.Count - before > 1)
        {
            SortChronologically(output, before);
        }
    }

    /// <summary>Applies a clock reading: closes every bucket that ends at or before <paramref name="now"/>.</summary>
    /// <param name="now">The heartbeat instant. An instant not after an earlier heartbeat changes nothing.</param>
    /// <param name="output">Receives the candles that close (and gap-filled flat candles), in chronological order.</param>
    /// <param name="position">Stored as <see cref="ClosedCandle.Position"/>: the number of ticks of the batch before the heartbeat.</param>
    public void Scan(DateTimeOffset now, List<ClosedCandle> output, int position)
    {
        _heartbeats++;
        var instant = now.UtcTicks;

        // Every symbol's buckets ending at or before _horizon were closed by the heartbeat that set it, and a symbol
        // first seen later only starts forming at its own ticks, so an instant not after _horizon closes nothing new
        // for the symbols the earlier heartbeat saw; newer symbols wait for their data or a later heartbeat.
        if (instant <= _horizon)
        {
            return;
        }

        _horizon = instant;
        var before = output.Count;
        for (var i = 0; i < _symbolOrder.Count; i++)
        {
            var state = _symbolOrder[i];
            if (instant > state.MaxTime)
            {
                state.Advance(instant);
            }

            var series = state.Series;
            for (var j = 0; j < series.Length; j++)
            {
                var s = series[j];
                var floor = s.Timeframe.BucketStartTicks(instant);
                if (s.HasForming && s.FormingStart < floor)
                {
                    Close(state, s, output, position);
                }

                if (_fillGaps)
                {
                    FillGap(state, s, floor, output, position);
                }
            }
        }

        if (output.Count - before > 1)
        {
            SortChronologically(output, before);
        }
    }

    /// <summary>
    /// The stream has ended (a finished recording): closes every forming candle, without gap filling. Ticks that
    /// arrive afterwards are counted as late and applied to nothing.
    /// </summary>
    /// <param name="output">Receives the candles, in chronological order.</param>
    /// <param name="position">Stored as <see cref="ClosedCandle.Position"/>: the number of ticks of the batch before the end.</param>
    public void CloseAll(List<ClosedCandle> output, int position)
    {
        var before = output.Count;
        for (var i = 0; i < _symbolOrder.Count; i++)
        {
            var state = _symbolOrder[i];
            var series = state.Series;
            for (var j = 0; j < series.Length; j++)
            {
                if (series[j].HasForming)
                {
                    Close(state, series[j], output, position);
                }
            }
        }

        _ended = true;
        if (output.Count - before > 1)
        {
            SortChronologically(output, before);
        }
    }

    /// <summary>A snapshot copy of the closed candles kept for a series, oldest first.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="timeframe">One of <see cref="Timeframes"/>.</param>
    /// <returns>The candles; empty for an unknown symbol.</returns>
    public Candle[] GetHistory(string symbol, Timeframe timeframe) =>
        FindSeries(symbol, timeframe, out _) is { } s ? s.History.ToArray() : [];

    /// <summary>A snapshot of the forming candle of a series (<see cref="Candle.IsClosed"/> is false).</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="timeframe">One of <see cref="Timeframes"/>.</param>
    /// <returns>The candle, or <c>null</c> when the series has no open bucket with ticks.</returns>
    public Candle? GetForming(string symbol, Timeframe timeframe)
    {
        var s = FindSeries(symbol, timeframe, out var state);
        return s is { HasForming: true } ? s.ToCandle(state!.Symbol, isClosed: false) : null;
    }

    /// <summary>The symbols seen so far, in first-seen order.</summary>
    /// <returns>A copy.</returns>
    public string[] GetSymbols()
    {
        var symbols = new string[_symbolOrder.Count];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = _symbolOrder[i].Symbol;
        }

        return symbols;
    }

    /// <summary>Whether <paramref name="timeframe"/> is one of <see cref="Timeframes"/>.</summary>
    /// <param name="timeframe">The timeframe.</param>
    /// <returns>Whether the builder keeps it.</returns>
    public bool HasTimeframe(Timeframe timeframe) => Array.IndexOf(_timeframes, timeframe) >= 0;

    /// <summary>A snapshot of the counters.</summary>
    /// <returns>The statistics.</returns>
    public CandleStatistics GetStatistics() => new(
        _ticksReceived,
        _ticksApplied,
        _lateTicks,
        _duplicateTicks,
        _invalidTicks,
        _candlesClosed,
        _gapCandles,
        _gapCandlesSkipped,
        _heartbeats,
        _symbolOrder.Count);

    // TickValidator's rules; an exact positive price and an exact size (non-negative by construction) settle the
    // decimal checks without decimal comparisons.
    private static bool IsValid(in Tick tick, long time, in TickValues values) =>
        values.ExactPrice.IsExact && values.ExactPrice.Coefficient > 0 && values.ExactSize.IsExact
            ? !string.IsNullOrEmpty(tick.Symbol) && time > UnixEpochTicks
            : TickValidator.Validate(in tick) == TickRejection.None;

    // A cheap mix of what distinguishes ticker symbols (length, first and last character); collisions only cost a
    // dictionary lookup. Called after validation, so the symbol is not empty.
    private static int SymbolSlotOf(string symbol) =>
        ((symbol.Length * 31) + (symbol[0] * 7) + symbol[^1]) & (SymbolCacheSize - 1);

    private SymbolState Resolve(string symbol, ref SymbolSlot slot)
    {
        // Sources that do not share one string instance per symbol still avoid hashing while the symbol repeats.
        if (_lastState is not null && string.Equals(symbol, _lastSymbol, StringComparison.Ordinal))
        {
            return _lastState;
        }

        // Interleaved symbols (two feeds in one file) miss the check above on every tick; sources hand out one string
        // instance per symbol, so comparing references with the first few symbols finds the state without hashing.
        var known = _symbolOrder;
        for (var i = 0; i < known.Count && i < 4; i++)
        {
            if (ReferenceEquals(known[i].Symbol, symbol))
            {
                _lastSymbol = symbol;
                _lastState = known[i];
                return known[i];
            }
        }

        if (!_symbols.TryGetValue(symbol, out var state))
        {
            state = new SymbolState(symbol, _timeframes, _historyLength);
            _symbols.Add(symbol, state);
            _symbolOrder.Add(state);
        }

        _lastSymbol = symbol;
        _lastState = state;
        slot = new SymbolSlot(symbol, state);
        return state;
    }

    private Series? FindSeries(string symbol, Timeframe timeframe, out SymbolState? state)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var index = Array.IndexOf(_timeframes, timeframe);
        if (index < 0)
        {
            throw new ArgumentException($"Timeframe {timeframe} is not built by this block.", nameof(timeframe));
        }

        return _symbols.TryGetValue(symbol, out state) ? state.Series[index] : null;
    }

    // The tick lies in a later bucket than the forming one (or there is none): close, fill, start anew.
    private void Roll(SymbolState state, Series s, long time, in TickValues tick, List<ClosedCandle> output, int position)
    {
        var start = s.Timeframe.BucketStartTicks(time);
        Debug.Assert(!s.HasForming || start > s.FormingStart, "A tick that is not late never belongs before the forming bucket.");
        if (s.HasForming)
        {
            Close(state, s, output, position);
        }

        if (_fillGaps)
        {
            FillGap(state, s, start, output, position);
        }

        s.Begin(start, time, in tick);
    }

    private void Close(SymbolState state, Series s, List<ClosedCandle> output, int position)
    {
        var candle = s.ToCandle(state.Symbol, isClosed: true);
        s.MarkClosed(candle);
        _candlesClosed++;
        output.Add(new ClosedCandle(candle, position));
    }

    // Emits flat candles for the empty buckets in [s.NextStart, until), at most _maxGapFill of them (the latest).
    private void FillGap(SymbolState state, Series s, long until, List<ClosedCandle> output, int position)
    {
        if (!s.HasPrevious || s.NextStart >= until)
        {
            return;
        }

        var start = s.NextStart;
        var missing = (until - start) / s.Duration;
        if (missing > _maxGapFill)
        {
            var skipped = missing - _maxGapFill;
            _gapCandlesSkipped += skipped;
            start += skipped * s.Duration;
        }

        var price = s.PreviousClose;
        for (var bucket = start; bucket < until; bucket += s.Duration)
        {
            var candle = new Candle(
                state.Symbol,
                s.Timeframe,
                new DateTimeOffset(bucket, TimeSpan.Zero),
                price,
                price,
                price,
                price,
                Volume: 0m,
                TickCount: 0,
                IsClosed: true);
            s.History.Add(candle);
            _gapCandles++;
            output.Add(new ClosedCandle(candle, position));
        }

        s.NextStart = until;
    }

    // Orders the candles appended since 'start' by close time; ties keep their append order.
    private void SortChronologically(List<ClosedCandle> output, int start)
    {
        var count = output.Count - start;
        if (_sortKeys.Length < count)
        {
            var size = Math.Max(count, _sortKeys.Length * 2);
            _sortKeys = new SortKey[size];
            _sortItems = new ClosedCandle[size];
        }

        for (var i = 0; i < count; i++)
        {
            var item = output[start + i];
            _sortKeys[i] = new SortKey(item.Candle.OpenTime.UtcTicks + item.Candle.Timeframe.DurationTicks, i);
            _sortItems[i] = item;
        }

        Array.Sort(_sortKeys, _sortItems, 0, count);
        for (var i = 0; i < count; i++)
        {
            output[start + i] = _sortItems[i];
        }

        Array.Clear(_sortItems, 0, count);
    }

    /// <summary>A symbol string instance and its state, one entry of the direct-mapped symbol cache.</summary>
    private readonly record struct SymbolSlot(string? Symbol, SymbolState? State);

    private readonly record struct SortKey(long CloseTime, int Sequence) : IComparable<SortKey>
    {
        public int CompareTo(SortKey other)
        {
            var byTime = CloseTime.CompareTo(other.CloseTime);
            return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
        }
    }
}
