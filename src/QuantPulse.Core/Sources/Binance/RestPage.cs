namespace QuantPulse.Sources.Binance;

/// <summary>A page of trades, or the venue's error.</summary>
/// <param name="Trades">The trades, ascending by id (empty on error).</param>
/// <param name="ErrorCode">The error code, when the request failed.</param>
/// <param name="ErrorMessage">The error message, when the request failed.</param>
internal readonly record struct RestPage(List<AggTrade> Trades, string? ErrorCode, string? ErrorMessage)
{
    public bool IsError => ErrorCode is not null;
}
