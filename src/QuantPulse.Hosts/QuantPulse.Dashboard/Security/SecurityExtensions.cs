using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace QuantPulse.Dashboard.Security;

/// <summary>Authentication (JWT bearer or API key), authorization policies, CORS, rate limits and request limits.</summary>
internal static class SecurityExtensions
{
    public const string WritePolicy = "write";
    public const string ReadPolicy = "read";
    public const string ApiRateLimit = "api";
    public const string FeedRateLimit = "feed";
    public const string BacktestRateLimit = "backtest";
    public const int MaxRequestBodyBytes = 1024 * 1024;
    private const string SelectorScheme = "BearerOrApiKey";

    /// <summary>Reads need an authenticated caller only when <c>QuantPulse:Api:RequireAuthForReads</c> is true.</summary>
    private sealed class ReadAccessRequirement : IAuthorizationRequirement;

    private sealed class ReadAccessHandler(IOptions<ApiOptions> options) : AuthorizationHandler<ReadAccessRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadAccessRequirement requirement)
        {
            if (!options.Value.RequireAuthForReads || context.User.Identity?.IsAuthenticated == true)
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }

    public static WebApplicationBuilder AddDashboardSecurity(this WebApplicationBuilder builder)
    {
        // Everything reads ApiOptions when first used (not while the builder runs), so configuration added later,
        // such as a test host's, applies too.
        var services = builder.Services;
        services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.SectionName));

        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Bearer token or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyHandler.HeaderName) ? ApiKeyHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<ApiOptions>>((o, options) =>
        {
            var api = options.Value;
            var keyBytes = string.IsNullOrEmpty(api.Jwt.SigningKey) ? null : Encoding.UTF8.GetBytes(api.Jwt.SigningKey);
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = api.Jwt.Issuer,
                ValidateAudience = true,
                ValidAudience = api.Jwt.Audience,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),

                // Without a key no token can validate, so mutations answer 401: never open by default.
                IssuerSigningKey = keyBytes is { Length: >= 32 } ? new SymmetricSecurityKey(keyBytes) : null,
            };
            o.Events = new JwtBearerEvents
            {
                // Browsers cannot set headers on a WebSocket handshake: the feed takes ?access_token=.
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/ws", StringComparison.Ordinal)
                        && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
            };
        });

        services.AddSingleton<IAuthorizationHandler, ReadAccessHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(WritePolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(ReadPolicy, p => p.AddRequirements(new ReadAccessRequirement()));

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<ApiOptions>>((o, options) => o.AddDefaultPolicy(p =>
        {
            var origins = options.Value.Cors.Origins.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray();
            if (origins.Length > 0)
            {
                p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod();
            }
        }));

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiOptions>>((o, options) =>
        {
            var permits = Math.Max(1, options.Value.RateLimit.PermitsPerMinute);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(ApiRateLimit, context => PerClient(context, ApiRateLimit, permits));
            o.AddPolicy(FeedRateLimit, context => PerClient(context, FeedRateLimit, Math.Max(1, permits / 10)));
            o.AddPolicy(BacktestRateLimit, context => PerClient(context, BacktestRateLimit, Math.Max(1, options.Value.RateLimit.BacktestPermitsPerMinute)));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                        detail: $"Too many requests from this address: at most {permits} a minute under /api (a tenth for /ws/updates, {Math.Max(1, options.Value.RateLimit.BacktestPermitsPerMinute)} for /api/backtest).",
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests")
                    .ExecuteAsync(context.HttpContext);
            };
        });

        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>
    /// Why the host must not start, or null: in Production, listening beyond loopback without a signing key or API key
    /// would expose the API to the network unauthenticated; a signing key shorter than 32 bytes is refused anywhere.
    /// </summary>
    public static string? FindExposureProblem(IConfiguration configuration, IHostEnvironment environment)
    {
        var api = configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        if (!string.IsNullOrEmpty(api.Jwt.SigningKey) && Encoding.UTF8.GetByteCount(api.Jwt.SigningKey) < 32)
        {
            return "QuantPulse:Api:Jwt:SigningKey is shorter than 32 bytes; use a random key of at least 32 bytes (QuantPulse__Api__Jwt__SigningKey).";
        }

        if (!environment.IsProduction() || api.HasCredentials)
        {
            return null;
        }

        var exposed = ListenAddresses(configuration).FirstOrDefault(a => !IsLoopback(a));
        return exposed is null
            ? null
            : $"Refusing to start: listening on {exposed} (beyond this machine) in Production without credentials. Set QuantPulse__Api__Jwt__SigningKey (at least 32 bytes) or QuantPulse__Api__ApiKeys__0, or listen on localhost only.";
    }

    private static IEnumerable<string> ListenAddresses(IConfiguration configuration)
    {
        foreach (var url in (configuration[WebHostDefaults.ServerUrlsKey] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return url;
        }

        foreach (var key in new[] { WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey })
        {
            foreach (var port in (configuration[key] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return $"*:{port}";
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }

    private static bool IsLoopback(string url)
    {
        var host = url;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var end = host.StartsWith('[') ? host.IndexOf(']', StringComparison.Ordinal) + 1 : host.IndexOfAny([':', '/']);
        host = end > 0 ? host[..end] : host;
        host = host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, string policy, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(
            policy + ":" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
