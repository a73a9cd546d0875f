namespace QuantPulse.Alerts;

/// <summary>The webhook every trigger is posted to: <c>QuantPulse:Alerts:Webhook</c>.</summary>
public sealed class AlertWebhookOptions
{
    /// <summary>The HTTP or HTTPS address; empty for no webhook.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1056:URI-like properties should not be strings", Justification = "A configuration value, checked by Validate with a one-line message.")]
    public string? Url { get; set; }

    /// <summary>
    /// The HMAC-SHA256 key of the <c>X-QuantPulse-Signature</c> header (set it from the environment:
    /// <c>QuantPulse__Alerts__Webhook__Secret</c>); empty sends no signature.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Attempts per trigger, the first included. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failed attempt; it doubles after each further one. Default 1 s.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts. Default 1 min.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The time one attempt may take. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many deliveries may be under way at once. Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Whether a webhook is configured.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Url);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failures.</summary>
    /// <param name="attempt">The failed attempts so far (1 or more).</param>
    /// <returns>The delay: <see cref="InitialDelay"/> × 2^(attempt−1), at most <see cref="MaxDelay"/>.</returns>
    public TimeSpan RetryDelay(int attempt)
    {
        var ticks = InitialDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Checks the settings.</summary>
    /// <returns>The problems, each in one line naming the key under <c>Webhook</c>.</returns>
    public IEnumerable<string> Validate()
    {
        if (IsEnabled && !(Uri.TryCreate(Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"Url: '{Url}' is not an absolute http or https address.";
        }

        if (MaxAttempts is < 1 or > 100)
        {
            yield return "MaxAttempts must be from 1 to 100.";
        }

        if (InitialDelay < TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            yield return "InitialDelay must not be negative, and MaxDelay not below it.";
        }

        if (Timeout <= TimeSpan.Zero)
        {
            yield return "Timeout must be positive.";
        }

        if (MaxConcurrency is < 1 or > 64)
        {
            yield return "MaxConcurrency must be from 1 to 64.";
        }
    }
}
