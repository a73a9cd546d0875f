namespace QuantPulse.Indicators;

/// <summary>Which prices <see cref="AtrStop"/> offsets by the ATR.</summary>
public enum AtrStopEnd
{
    /// <summary>The close plus and minus the offset (Stock.Indicators' default).</summary>
    Close = 0,

    /// <summary>The high plus the offset for the upper band, the low minus the offset for the lower band.</summary>
    HighLow = 1,
}
