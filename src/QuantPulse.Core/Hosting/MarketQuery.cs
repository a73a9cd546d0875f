using QuantPulse.Model;

namespace QuantPulse.Hosting;

/// <summary>The filter every list query shares: a half-open time range [<see cref="From"/>, <see cref="To"/>), an asset and a limit.</summary>
public abstract record MarketQuery
{
    /// <summary>Inclusive start. Default: <see cref="MarketQueries.Earliest"/>.</summary>
    public DateTimeOffset From { get; init; } = MarketQueries.Earliest;

    /// <summary>Exclusive end. Default: <see cref="MarketQueries.Latest"/>.</summary>
    public DateTimeOffset To { get; init; } = MarketQueries.Latest;

    /// <summary>Only this asset, or every asset when null.</summary>
    public string? Asset { get; init; }

    /// <summary>Only this strategy, or every strategy when null.</summary>
    public string? Strategy { get; init; }

    /// <summary>At most this many rows, the newest. Default 500.</summary>
    public int Limit { get; init; } = 500;
}

/// <summary>A filter over the stored signals (by signal time).</summary>
public sealed record SignalQuery : MarketQuery
{
    /// <summary>Only this direction, or both when null.</summary>
    public SignalType? Type { get; init; }
}

/// <summary>A filter over the stored trades (by open time).</summary>
public sealed record TradeQuery : MarketQuery
{
    /// <summary>Only trades closed with this result, or any when null.</summary>
    public TradeResult? Result { get; init; }

    /// <summary>Only open (<c>true</c>) or closed (<c>false</c>) trades, or both when null.</summary>
    public bool? Open { get; init; }
}

/// <summary>A stored trade with the strategy whose signal opened it.</summary>
/// <param name="Trade">The trade.</param>
/// <param name="Strategy">The strategy ID (empty when the signal is not stored).</param>
public sealed record TradeRecord(Trade Trade, string Strategy);
