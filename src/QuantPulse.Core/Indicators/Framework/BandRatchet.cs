namespace QuantPulse.Indicators;

/// <summary>
/// The trailing-band ratchet of <see cref="SuperTrend"/> and <see cref="AtrStop"/>: the upper band only falls and
/// the lower band only rises, unless the previous close crossed it; the trend is up while the close stays above the
/// band it follows (the lower one in an up-trend, the upper one in a down-trend) and flips when it reaches it.
/// </summary>
internal struct BandRatchet
{
    private bool _started;

    public bool IsUpTrend { readonly get; private set; }

    public double Upper { readonly get; private set; }

    public double Lower { readonly get; private set; }

    /// <summary>Applies one candle's candidate bands; <paramref name="startsUp"/> sets the trend on the first one.</summary>
    public void Apply(double upper, double lower, double previousClose, double close, bool startsUp)
    {
        if (!_started)
        {
            _started = true;
            IsUpTrend = startsUp;
            Upper = upper;
            Lower = lower;
        }

        if (upper < Upper || previousClose > Upper)
        {
            Upper = upper;
        }

        if (lower > Lower || previousClose < Lower)
        {
            Lower = lower;
        }

        IsUpTrend = close > (IsUpTrend ? Lower : Upper);
    }

    public void Reset() => this = default;
}
