using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace QuantPulse.Alerts;

/// <summary>Posts triggers as JSON to a webhook, signed with HMAC-SHA256, retrying with exponential back-off.</summary>
/// <remarks>
/// A success is any 2xx answer. Network errors, timeouts, 408, 429 and 5xx are retried up to
/// <see cref="AlertWebhookOptions.MaxAttempts"/>; other answers fail at once (the webhook refused the trigger).
/// </remarks>
public sealed class AlertWebhook : IDisposable
{
    /// <summary>The header with the signature: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the body, keyed by the secret.</summary>
    public const string SignatureHeader = "X-QuantPulse-Signature";

    private readonly HttpClient _http;
    private readonly AlertWebhookOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Uri _url;
    private readonly byte[]? _key;

    /// <summary>Creates the webhook client.</summary>
    /// <param name="options">The settings; <see cref="AlertWebhookOptions.Url"/> must be set.</param>
    /// <param name="timeProvider">The clock for the back-off waits; null for the system clock.</param>
    /// <param name="handler">The HTTP handler; null for a new one.</param>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public AlertWebhook(AlertWebhookOptions options, TimeProvider? timeProvider = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = options.IsEnabled ? options.Validate().FirstOrDefault() : "no Url.";
        if (problem is not null)
        {
            throw new ArgumentException("Alert webhook: " + problem, nameof(options));
        }

        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _url = new Uri(options.Url!);
        _key = string.IsNullOrEmpty(options.Secret) ? null : Encoding.UTF8.GetBytes(options.Secret);
        _http = handler is null
            ? new HttpClient() { Timeout = options.Timeout }
            : new HttpClient(handler, disposeHandler: false) { Timeout = options.Timeout };
    }

    /// <summary>The signature header value of <paramref name="body"/>.</summary>
    /// <param name="body">The exact bytes posted.</param>
    /// <param name="secret">The shared secret.</param>
    /// <returns><c>sha256=</c> followed by 64 lowercase hex digits.</returns>
    public static string Sign(ReadOnlySpan<byte> body, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Sign(body, Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>The JSON body posted for a trigger (snake_case; see docs/alerts.md).</summary>
    /// <param name="trigger">The trigger.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Body(AlertTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "alert");
            json.WriteNumber("id", trigger.Id);
            json.WriteNumber("alert_id", trigger.RuleId);
            json.WriteString("alert_name", trigger.RuleName);
            json.WriteString("symbol", trigger.Symbol);
            json.WriteString("condition", AlertNames.Of(trigger.Condition));
            json.WriteNumber("value", trigger.Value);
            json.WriteNumber("threshold", trigger.Threshold);
            json.WriteString("time", trigger.Time.UtcDateTime);
            if (trigger.CandleOpenTime is { } open)
            {
                json.WriteString("candle_open_time", open.UtcDateTime);
            }
            else
            {
                json.WriteNull("candle_open_time");
            }

            json.WriteString("message", trigger.Message);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Delivers one trigger, retrying as configured.</summary>
    /// <param name="trigger">The trigger (with its stored ID when it has one).</param>
    /// <param name="cancellationToken">Stops the attempts.</param>
    /// <returns>The outcome: delivered or failed, the attempts made, the last error.</returns>
    public async Task<(AlertDelivery Delivery, int Attempts, string? Error)> DeliverAsync(AlertTrigger trigger, CancellationToken cancellationToken = default)
    {
        var body = Body(trigger);
        string? error = null;
        for (var attempt = 1; ; attempt++)
        {
            bool retry;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                if (_key is not null)
                {
                    request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(body, _key));
                }

                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return (AlertDelivery.Delivered, attempt, null);
                }

                var status = (int)response.StatusCode;
                error = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
                retry = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            }
            catch (HttpRequestException ex)
            {
                (error, retry) = (ex.Message, true);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                (error, retry) = ($"no answer within {_options.Timeout.TotalSeconds:0.###} s", true);
            }

            if (!retry || attempt >= _options.MaxAttempts)
            {
                return (AlertDelivery.Failed, attempt, error);
            }

            await Task.Delay(_options.RetryDelay(attempt), _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private static string Sign(ReadOnlySpan<byte> body, byte[] key) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, body));
}
