using LinqToDB.Mapping;
using QuantPulse.Model;

namespace QuantPulse.Distributed.Internal;

/// <summary>
/// The columns of a stored tick besides its symbol and time, shared by the tables that keep whole ticks
/// (<c>stream_journal</c>, <c>tick_archive</c>); each table maps symbol and time with its own key.
/// </summary>
internal abstract class TickValueColumns
{
    [Column("price")]
    public decimal Price { get; set; }

    [Column("size")]
    public decimal Size { get; set; }

    [Column("bid"), Nullable]
    public decimal? Bid { get; set; }

    [Column("ask"), Nullable]
    public decimal? Ask { get; set; }

    [Column("side")]
    public short Side { get; set; }

    [Column("source"), NotNull]
    public string Source { get; set; } = string.Empty;

    /// <summary>Copies the tick's values (not its symbol and time).</summary>
    public void SetValues(in Tick tick)
    {
        Price = tick.Price;
        Size = tick.Size;
        Bid = tick.Bid;
        Ask = tick.Ask;
        Side = (short)tick.Side;
        Source = tick.Source;
    }

    /// <summary>The tick these values belong to.</summary>
    public Tick ToTick(string symbol, DateTimeOffset time) =>
        new(symbol, time.ToUniversalTime(), Price, Size, Source) { Bid = Bid, Ask = Ask, Side = (AggressorSide)Side };
}
