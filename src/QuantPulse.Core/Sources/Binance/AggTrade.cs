using QuantPulse.Model;

namespace QuantPulse.Sources.Binance;

/// <summary>One aggregate trade as read from the stream (<c>data</c> of an <c>aggTrade</c> event) or from REST.</summary>
internal struct AggTrade
{
    /// <summary>The index of <c>s</c> in the symbol table (-1 when not ours; REST trades get it from the request).</summary>
    public int Symbol;

    /// <summary><c>a</c>: the aggregate trade id, strictly increasing per symbol.</summary>
    public long Id;

    /// <summary><c>p</c>: the price, parsed exactly from its string.</summary>
    public decimal Price;

    /// <summary><c>q</c>: the quantity, parsed exactly from its string.</summary>
    public decimal Quantity;

    /// <summary><c>T</c>: the trade time, milliseconds since the Unix epoch.</summary>
    public long TradeTime;

    /// <summary><c>m</c>: whether the buyer was the maker (so the seller was the aggressor).</summary>
    public bool BuyerIsMaker;

    /// <summary>Why the trade cannot become a tick, or <see cref="TickRejection.None"/>.</summary>
    public TickRejection Problem;

    /// <summary>Which fields were read (see <see cref="BinanceMessageParser"/>).</summary>
    public int Fields;
}
