using QuantPulse.Model;

namespace QuantPulse.Sources.Deriv;

/// <summary>The fields of one Deriv message that the source uses, read by <see cref="DerivMessageParser"/>.</summary>
internal struct DerivMessage
{
    /// <summary>What the message is.</summary>
    public DerivMessageKind Kind;

    /// <summary>For a tick or a history: why its content cannot become ticks, or <see cref="TickRejection.None"/>.</summary>
    public TickRejection Problem;

    /// <summary>The <c>req_id</c> echoed by the server, or 0.</summary>
    public long RequestId;

    /// <summary>For a tick: the index of <c>tick.symbol</c> in the symbol table (-1 when not ours).</summary>
    public int Symbol;

    /// <summary>For a tick: <c>tick.epoch</c>, seconds since the Unix epoch.</summary>
    public long Epoch;

    /// <summary>For a tick: <c>tick.quote</c>.</summary>
    public decimal Quote;

    /// <summary>For a tick: <c>tick.bid</c>, when present.</summary>
    public decimal? Bid;

    /// <summary>For a tick: <c>tick.ask</c>, when present.</summary>
    public decimal? Ask;

    /// <summary>For an error: the symbol named in <c>echo_req</c> (<c>ticks</c> or <c>ticks_history</c>), or -1.</summary>
    public int EchoSymbol;

    /// <summary>For an error: <c>error.code</c>.</summary>
    public string? ErrorCode;

    /// <summary>For an error: <c>error.message</c>.</summary>
    public string? ErrorMessage;

    /// <summary>For a history: <c>history.times</c>.</summary>
    public long[]? HistoryTimes;

    /// <summary>For a history: <c>history.prices</c>.</summary>
    public decimal[]? HistoryPrices;
}
