using QuantPulse.Indicators;
using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>
/// One bar read by <see cref="CsvCandleRowReader.TryReadPriceBar"/>: its open time, prices and volume as numbers
/// for <see cref="IndicatorSet.Update(long, in PriceBar, double, Span{double?})"/>, and the row's text, without a
/// <see cref="Model.Candle"/> or a string per cell for the common rows. Valid until the next read.
/// </summary>
/// <remarks>
/// The numbers are those of the candle <see cref="CsvCandleRowReader.TryReadBar"/> gives for the row, each price
/// and the volume converted from <see cref="decimal"/> to <see cref="double"/>. The row's text is handed out as
/// by <see cref="CsvCandleBar"/>.
/// </remarks>
public readonly ref struct CsvPriceBar
{
    internal CsvPriceBar(long lineNumber, string symbol, Timeframe timeframe, long openTimeUtcTicks, PriceBar prices, double volume, ReadOnlySpan<byte> text)
    {
        LineNumber = lineNumber;
        Symbol = symbol;
        Timeframe = timeframe;
        OpenTimeUtcTicks = openTimeUtcTicks;
        Prices = prices;
        Volume = volume;
        Text = text;
    }

    internal CsvPriceBar(CsvCandleBar bar)
        : this(bar.LineNumber, bar.Candle.Symbol, bar.Candle.Timeframe, bar.Candle.OpenTime.UtcTicks, PriceBar.From(bar.Candle), (double)bar.Candle.Volume, bar.Text)
    {
        Candle = bar.Candle;
        Cells = bar.Cells;
    }

    /// <summary>The 1-based line of the row in the file (the header is line 1).</summary>
    public long LineNumber { get; }

    /// <summary>The bar's symbol, as <see cref="Model.Candle.Symbol"/>.</summary>
    public string Symbol { get; }

    /// <summary>The bar's timeframe, as <see cref="Model.Candle.Timeframe"/>.</summary>
    public Timeframe Timeframe { get; }

    /// <summary>The open time in UTC ticks, as <see cref="DateTimeOffset.UtcTicks"/> of <see cref="Model.Candle.OpenTime"/>.</summary>
    public long OpenTimeUtcTicks { get; }

    /// <summary>The open, high, low and close.</summary>
    public PriceBar Prices { get; }

    /// <summary>The volume; 0 when the file has none.</summary>
    public double Volume { get; }

    /// <summary>
    /// The candle, for the rows that went through the decimal parser (such as a row quoting its cells, or a price
    /// at or below zero, which the indicators reject and a message quotes as written); null for the common rows.
    /// </summary>
    public Candle? Candle { get; }

    /// <summary>The row's UTF-8 text (without its line end) when <see cref="Cells"/> is null.</summary>
    public ReadOnlySpan<byte> Text { get; }

    /// <summary>The text of every cell (quotes removed from quoted cells) when the row is not handed out as <see cref="Text"/>.</summary>
    public IReadOnlyList<string>? Cells { get; }
}
