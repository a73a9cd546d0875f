using System.Globalization;
using System.Net;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Binance;

/// <summary>
/// <c>GET /fapi/v1/aggTrades</c> for the back-fill. Honours <c>429</c>/<c>418</c> with <c>Retry-After</c> (waiting on
/// the source's clock) and reports other error bodies (<c>{"code":-1121,"msg":"Invalid symbol."}</c>) as results.
/// </summary>
internal sealed class BinanceRestClient(HttpClient http, Uri restEndpoint, TimeSpan requestTimeout, LiveFeed feed)
{
    private readonly Uri _base = restEndpoint.AbsoluteUri.EndsWith('/') ? restEndpoint : new Uri(restEndpoint.AbsoluteUri + "/");

    /// <summary>One page of aggregate trades from <paramref name="fromId"/> (or from <paramref name="startTimeMs"/>), ascending.</summary>
    public async Task<RestPage> GetAggTradesAsync(string symbol, int symbolIndex, long? fromId, long? startTimeMs, int limit, CancellationToken cancellationToken)
    {
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"fapi/v1/aggTrades?symbol={Uri.EscapeDataString(symbol)}{(fromId is { } id ? $"&fromId={id}" : string.Empty)}{(startTimeMs is { } ms ? $"&startTime={ms}" : string.Empty)}&limit={limit}");
        var uri = new Uri(_base, query);
        var (status, body) = await RestGet.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Get, uri), requestTimeout, feed, cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            var (code, message) = BinanceMessageParser.ParseRestError(body);
            return new RestPage([], code ?? ((int)status).ToString(CultureInfo.InvariantCulture), message ?? $"HTTP {(int)status}");
        }

        var trades = new List<AggTrade>();
        return BinanceMessageParser.TryParsePage(body, symbolIndex, trades)
            ? new RestPage(trades, null, null)
            : new RestPage([], "malformed", "the aggTrades answer is not an array of trades");
    }
}
