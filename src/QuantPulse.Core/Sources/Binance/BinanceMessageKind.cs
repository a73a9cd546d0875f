namespace QuantPulse.Sources.Binance;

/// <summary>What a Binance stream message turned out to be.</summary>
internal enum BinanceMessageKind
{
    /// <summary>Not JSON, not an object, or an <c>aggTrade</c> missing a field.</summary>
    Malformed = 0,

    /// <summary>An <c>aggTrade</c> event, wrapped (<c>{"stream":…,"data":…}</c>) or not.</summary>
    AggTrade,

    /// <summary>An <c>error</c> object.</summary>
    Error,

    /// <summary>Well-formed, but not an event this source uses.</summary>
    Unknown,
}
