namespace QuantPulse.Dashboard.Security;

/// <summary>The <c>QuantPulse:Api</c> section: authentication, CORS and rate limiting of the API and the feed.</summary>
/// <remarks>Secrets (the signing key, API keys) come from the environment, never from appsettings.json.</remarks>
internal sealed class ApiOptions
{
    public const string SectionName = "QuantPulse:Api";

    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Keys accepted in the <c>X-Api-Key</c> header (<c>QuantPulse__Api__ApiKeys__0</c>, …).</summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>Whether reads (GET /api/…, the feed) need a token or key too. Default false.</summary>
    public bool RequireAuthForReads { get; set; }

    public CorsOptions Cors { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>The largest OHLC upload accepted, in bytes (default 50 MB).</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Whether a signing key or an API key is configured.</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(Jwt.SigningKey) || ApiKeys.Any(k => !string.IsNullOrEmpty(k));

    internal sealed class JwtOptions
    {
        /// <summary>The HS256 key (at least 32 bytes of UTF-8).</summary>
        public string? SigningKey { get; set; }

        public string Issuer { get; set; } = "quantpulse";

        public string Audience { get; set; } = "quantpulse-api";
    }

    internal sealed class CorsOptions
    {
        /// <summary>Origins allowed to call the API from a browser; none by default.</summary>
        public IList<string> Origins { get; } = [];
    }

    internal sealed class RateLimitOptions
    {
        /// <summary>Requests per minute per client IP under /api; WebSocket handshakes get a tenth. Default 600.</summary>
        public int PermitsPerMinute { get; set; } = 600;

        /// <summary>Back-test requests a minute per client (default 30).</summary>
        public int BacktestPermitsPerMinute { get; set; } = 30;
    }
}
