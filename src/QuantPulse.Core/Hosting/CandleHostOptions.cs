using System.ComponentModel.DataAnnotations;

namespace QuantPulse.Hosting;

/// <summary>Candle settings (<c>QuantPulse:Candles</c>).</summary>
public sealed class CandleHostOptions
{
    /// <summary>The timeframes built for every symbol (<c>1s</c>, <c>1m</c>, <c>5m</c>, <c>15m</c>, <c>30m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>). Default: 1m, 5m, 15m.</summary>
    public IList<string> Timeframes { get; } = [];

    /// <summary>How many closed candles are kept in memory per series. Default: 500.</summary>
    [Range(1, 1_000_000)]
    public int HistoryLength { get; set; } = 500;

    /// <summary>Whether empty buckets become flat candles at the previous close. Default: false.</summary>
    public bool FillGaps { get; set; }
}
