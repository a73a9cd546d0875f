namespace QuantPulse.Indicators;

/// <summary>
/// Wilder's average true range as the building block of the band indicators (<see cref="SuperTrend"/>,
/// <see cref="AtrStop"/>, <see cref="KeltnerChannels"/>): the first bar only gives a previous close, the first
/// value is the mean of the next <c>period</c> true ranges, then <c>(prev·(N − 1) + TR) / N</c> — the same values
/// as <see cref="Atr"/> with <see cref="AtrSeeding.Wilder"/>.
/// </summary>
internal struct WilderAtr
{
    private SeededAverage _average;
    private double _previousClose;
    private bool _started;

    public WilderAtr(int period) => _average = SeededAverage.Wilder(period);

    /// <summary>The ATR (defined once <see cref="Add"/> has returned true).</summary>
    public readonly double Value => _average.Value;

    /// <summary>Applies a bar; returns whether <see cref="Value"/> is defined.</summary>
    public bool Add(in PriceBar bar)
    {
        var ready = _started && _average.Add(TrueRange.Calculate(bar.High, bar.Low, _previousClose));
        _started = true;
        _previousClose = bar.Close;
        return ready;
    }

    public void Reset()
    {
        _average.Reset();
        _previousClose = 0;
        _started = false;
    }
}
