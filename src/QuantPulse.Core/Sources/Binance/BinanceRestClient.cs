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
    private const int MaxRateLimitRetries = 5;

    private readonly Uri _base = restEndpoint.AbsoluteUri.EndsWith('/') ? restEndpoint : new Uri(restEndpoint.AbsoluteUri + "/");

    /// <summary>One page of aggregate trades from <paramref name="fromId"/> (or from <paramref name="startTimeMs"/>), ascending.</summary>
    public async Task<RestPage> GetAggTradesAsync(string symbol, int symbolIndex, long? fromId, long? startTimeMs, int limit, CancellationToken cancellationToken)
    {
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"fapi/v1/aggTrades?symbol={Uri.EscapeDataString(symbol)}{(fromId is { } id ? $"&fromId={id}" : string.Empty)}{(startTimeMs is { } ms ? $"&startTime={ms}" : string.Empty)}&limit={limit}");
        var uri = new Uri(_base, query);
        for (var attempt = 1; ; attempt++)
        {
            feed.Connection.RecordBackfillRequest();
            using var timeout = new CancellationTokenSource(requestTimeout, feed.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            byte[] body;
            HttpStatusCode status;
            TimeSpan? retryAfter;
            try
            {
                using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                status = response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta;
                body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No answer from {_base.Host} within {requestTimeout.TotalSeconds:0.#} s.");
            }

            if (status is HttpStatusCode.TooManyRequests or (HttpStatusCode)418)
            {
                if (attempt > MaxRateLimitRetries)
                {
                    throw new HttpRequestException($"Still rate-limited by {_base.Host} after {MaxRateLimitRetries} retries.", null, status);
                }

                var delay = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));

                // The timer exists before the line is logged, so a clock moved on reading it always wakes us.
                var wait = Task.Delay(delay, feed.Time, cancellationToken);
                LiveSourceLog.RateLimited(feed.Logger, feed.Name, _base.Host, (long)delay.TotalMilliseconds);
                await wait.ConfigureAwait(false);
                continue;
            }

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
}
