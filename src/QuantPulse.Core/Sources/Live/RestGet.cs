using System.Net;

namespace QuantPulse.Sources.Live;

/// <summary>
/// One GET of a back-fill: bounded by the request timeout on the source's clock, and retried after <c>429</c> (or
/// Binance's <c>418</c>) once the <c>Retry-After</c> delay (or an exponential one) has passed on that clock.
/// </summary>
internal static class RestGet
{
    private const int MaxRateLimitRetries = 5;

    /// <summary>Sends the request built by <paramref name="request"/> (once per attempt) and returns the final status and body.</summary>
    /// <exception cref="TimeoutException">No answer within <paramref name="requestTimeout"/>.</exception>
    /// <exception cref="HttpRequestException">The network failed, or the venue was still rate-limiting after the retries.</exception>
    public static async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(
        HttpClient http, Func<HttpRequestMessage> request, TimeSpan requestTimeout, LiveFeed feed, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            feed.Connection.RecordBackfillRequest();
            using var message = request();
            var host = message.RequestUri!.Host;
            using var timeout = new CancellationTokenSource(requestTimeout, feed.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            byte[] body;
            HttpStatusCode status;
            TimeSpan? retryAfter;
            try
            {
                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                status = response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta;
                body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No answer from {host} within {requestTimeout.TotalSeconds:0.#} s.");
            }

            if (status is not (HttpStatusCode.TooManyRequests or (HttpStatusCode)418))
            {
                return (status, body);
            }

            if (attempt > MaxRateLimitRetries)
            {
                throw new HttpRequestException($"Still rate-limited by {host} after {MaxRateLimitRetries} retries.", null, status);
            }

            var delay = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));

            // The timer exists before the line is logged, so a clock moved on reading it always wakes us.
            var wait = Task.Delay(delay, feed.Time, cancellationToken);
            LiveSourceLog.RateLimited(feed.Logger, feed.Name, host, (long)delay.TotalMilliseconds);
            await wait.ConfigureAwait(false);
        }
    }
}
