using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Several indicators run together on one series (one symbol, one timeframe), writing their values as named
/// columns (<c>ema_20</c>, <c>macd_12_26_9</c>, …).
/// </summary>
/// <remarks>
/// <para>
/// Every indicator sees every candle, so they accept and reject the same candles (see <see cref="IIndicator"/>
/// for the forward-only and bad-input rules) and stay aligned. <see cref="Update(Candle, Span{double?})"/> allocates nothing;
/// <see cref="Next"/> allocates only the snapshot it returns.
/// </para>
/// <para>Not thread-safe: one series, one thread.</para>
/// </remarks>
public sealed class IndicatorSet
{
    private readonly IndicatorSpec[] _specs;
    private readonly IIndicator[] _indicators;
    private readonly IColumnWriter[] _writers;
    private readonly int[] _offsets;

    /// <summary>Creates the set.</summary>
    /// <param name="specs">The indicators, in column order. May be empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="specs"/> is null.</exception>
    /// <exception cref="ArgumentException">A spec is null, or two specs produce the same column name.</exception>
    public IndicatorSet(IEnumerable<IndicatorSpec> specs)
        : this(CopySpecs(specs), columns: null)
    {
    }

    private IndicatorSet(IndicatorSpec[] specs, IndicatorColumns? columns)
    {
        _specs = specs;
        Columns = columns ?? BuildColumns(specs);
        _indicators = new IIndicator[specs.Length];
        _writers = new IColumnWriter[specs.Length];
        _offsets = new int[specs.Length + 1];
        for (var i = 0; i < specs.Length; i++)
        {
            var indicator = specs[i].CreateIndicator();
            _indicators[i] = indicator;
            _writers[i] = specs[i].Descriptor.WriterFor(indicator);
            _offsets[i + 1] = _offsets[i] + specs[i].Columns.Count;
        }

        AcceptsPriceBars = Array.TrueForAll(_writers, w => w.AcceptsPriceBars);
    }

    /// <summary>The specs, in column order.</summary>
    public IReadOnlyList<IndicatorSpec> Specs => _specs;

    /// <summary>The live indicators, one per spec (for their <see cref="IIndicator.Status"/> and counters).</summary>
    public IReadOnlyList<IIndicator> Indicators => _indicators;

    /// <summary>The output columns: each spec's <see cref="IndicatorSpec.Columns"/>, in spec order.</summary>
    public IndicatorColumns Columns { get; }

    /// <summary>
    /// What the set did with the last candle offered: a rejection status when it was ignored (every indicator
    /// applies the same forward-only and bad-input rules to the same candles, so they agree on that), otherwise
    /// <see cref="IndicatorStatus.WarmingUp"/> until every indicator has a value, then <see cref="IndicatorStatus.Ok"/>.
    /// <see cref="IndicatorStatus.None"/> before the first candle and for an empty set.
    /// </summary>
    public IndicatorStatus Status
    {
        get
        {
            if (_indicators.Length == 0 || _indicators[0].Status is not (IndicatorStatus.Ok or IndicatorStatus.WarmingUp))
            {
                return _indicators.Length == 0 ? IndicatorStatus.None : _indicators[0].Status;
            }

            foreach (var indicator in _indicators)
            {
                if (indicator.Status == IndicatorStatus.WarmingUp)
                {
                    return IndicatorStatus.WarmingUp;
                }
            }

            return IndicatorStatus.Ok;
        }
    }

    /// <summary>Applies a closed candle to every indicator and returns a snapshot of the values.</summary>
    /// <param name="closed">The closed candle.</param>
    /// <returns>The values, one per column (null during warm-up).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="closed"/> is null.</exception>
    public IndicatorValues Next(Candle closed)
    {
        var values = new double?[Columns.Count];
        Update(closed, values);
        return new IndicatorValues(Columns, values);
    }

    /// <summary>Applies a closed candle to every indicator and writes the values without allocating.</summary>
    /// <param name="closed">The closed candle.</param>
    /// <param name="destination">At least <see cref="IndicatorColumns.Count"/> long; column <c>i</c> goes to index <c>i</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="closed"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void Update(Candle closed, Span<double?> destination)
    {
        ArgumentNullException.ThrowIfNull(closed);
        CheckDestination(destination);
        var offsets = _offsets;
        var writers = _writers;
        for (var i = 0; i < writers.Length; i++)
        {
            writers[i].WriteNext(closed, destination[offsets[i]..offsets[i + 1]]);
        }
    }

    /// <summary>
    /// Whether every indicator of the set takes bars as numbers through
    /// <see cref="Update(long, in PriceBar, double, Span{double?})"/>. False when one of them needs the candle's
    /// decimals (<see cref="Adx"/> takes its directional moves in <see cref="decimal"/>).
    /// </summary>
    public bool AcceptsPriceBars { get; }

    /// <summary>
    /// Applies a bar given as numbers to every indicator and writes the values without allocating: for readers
    /// that parse prices straight to <see cref="double"/>. Each indicator runs the same state machine as for a
    /// candle, so a bar whose prices and volume are the candle's converted from <see cref="decimal"/> to
    /// <see cref="double"/> gives the same values and statuses as <see cref="Update(Candle, Span{double?})"/>.
    /// </summary>
    /// <param name="openTimeUtcTicks">The bar's open time in UTC ticks (<see cref="DateTimeOffset.UtcTicks"/>).</param>
    /// <param name="prices">The open, high, low and close.</param>
    /// <param name="volume">The volume (0 for a feed without sizes).</param>
    /// <param name="destination">At least <see cref="IndicatorColumns.Count"/> long; column <c>i</c> goes to index <c>i</c>.</param>
    /// <returns>
    /// Whether the bar was applied; false when the indicators rejected it (not after the last accepted bar, or
    /// impossible prices: <see cref="Status"/> says which), leaving their values as they were.
    /// </returns>
    /// <exception cref="InvalidOperationException">The set does not accept bars as numbers (<see cref="AcceptsPriceBars"/>).</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public bool Update(long openTimeUtcTicks, in PriceBar prices, double volume, Span<double?> destination)
    {
        if (!AcceptsPriceBars)
        {
            throw new InvalidOperationException("An indicator of the set needs candles (see AcceptsPriceBars).");
        }

        CheckDestination(destination);
        var offsets = _offsets;
        var writers = _writers;
        for (var i = 0; i < writers.Length; i++)
        {
            writers[i].WriteNext(openTimeUtcTicks, prices, volume, destination[offsets[i]..offsets[i + 1]]);
        }

        // Every indicator applies the same rules to the same bars, so the first one speaks for all.
        return writers.Length == 0 || _indicators[0].Status is not (IndicatorStatus.RejectedOutOfOrder or IndicatorStatus.RejectedInvalid);
    }

    /// <summary>Resets every indicator to its freshly constructed state.</summary>
    public void Reset()
    {
        foreach (var indicator in _indicators)
        {
            indicator.Reset();
        }
    }

    /// <summary>A new set with the same specs and column list and fresh indicators.</summary>
    internal IndicatorSet CreateFresh() => new(_specs, Columns);

    private void CheckDestination(Span<double?> destination)
    {
        if (destination.Length < Columns.Count)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} values; the set has {Columns.Count} columns.", nameof(destination));
        }
    }

    private static IndicatorSpec[] CopySpecs(IEnumerable<IndicatorSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        IndicatorSpec[] copy = [.. specs];
        if (Array.IndexOf(copy, null) >= 0)
        {
            throw new ArgumentException("An indicator spec is null.", nameof(specs));
        }

        return copy;
    }

    private static IndicatorColumns BuildColumns(IndicatorSpec[] specs)
    {
        var owners = new Dictionary<string, IndicatorSpec>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            foreach (var column in spec.Columns)
            {
                if (!owners.TryAdd(column, spec))
                {
                    throw new ArgumentException(
                        $"{owners[column]} and {spec} both produce the column '{column}'; list each indicator once.",
                        nameof(specs));
                }
            }
        }

        return new IndicatorColumns(specs.SelectMany(s => s.Columns));
    }
}
