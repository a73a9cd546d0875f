using QuantPulse.Hosting;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Components.Shared;

/// <summary>The filters of the signals and trades page, turned into the query service's queries.</summary>
/// <param name="Asset">Only this asset, or all.</param>
/// <param name="Strategy">Only this strategy, or all.</param>
/// <param name="Result">Only trades with this result (<c>win</c>, <c>loss</c>, <c>expired</c>, <c>open</c>), or all.</param>
/// <param name="From">Inclusive start date (UTC), or none.</param>
/// <param name="To">Inclusive end date (UTC), or none.</param>
public sealed record TradeFilter(string? Asset, string? Strategy, string? Result, DateOnly? From, DateOnly? To)
{
    /// <summary>No filter.</summary>
    public static TradeFilter None { get; } = new(null, null, null, null, null);

    /// <summary>The rows read per query; the tables page through them.</summary>
    public const int Limit = 2000;

    /// <summary>Whether the date range is the right way round.</summary>
    public bool IsValid => From is null || To is null || From <= To;

    /// <summary>The signal query for these filters (the result filter does not apply to signals).</summary>
    public SignalQuery ToSignalQuery() => new() { Asset = Asset, Strategy = Strategy, From = Start, To = End, Limit = Limit };

    /// <summary>The trade query for these filters.</summary>
    public TradeQuery ToTradeQuery() => new()
    {
        Asset = Asset,
        Strategy = Strategy,
        From = Start,
        To = End,
        Limit = Limit,
        Open = Result == "open" ? true : Enum.TryParse<TradeResult>(Result, ignoreCase: true, out _) ? false : null,
        Result = Enum.TryParse<TradeResult>(Result, ignoreCase: true, out var result) ? result : null,
    };

    private DateTimeOffset Start => From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : MarketQueries.Earliest;

    private DateTimeOffset End => To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : MarketQueries.Latest;
}
