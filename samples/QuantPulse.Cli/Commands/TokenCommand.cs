using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using QuantPulse.Cli.CommandLine;

namespace QuantPulse.Cli.Commands;

/// <summary>
/// <c>quantpulse token</c>: mints an HS256 bearer token for the dashboard's API from the same environment variables the
/// dashboard validates it with.
/// </summary>
internal sealed class TokenCommand : ICliCommand
{
    public const string KeyVariable = "QuantPulse__Api__Jwt__SigningKey";
    public const string IssuerVariable = "QuantPulse__Api__Jwt__Issuer";
    public const string AudienceVariable = "QuantPulse__Api__Jwt__Audience";
    private const string Subject = "--subject";
    private const string Expires = "--expires";

    private readonly Func<string, string?> _environment;
    private readonly TimeProvider _clock;

    public TokenCommand()
        : this(Environment.GetEnvironmentVariable, TimeProvider.System)
    {
    }

    internal TokenCommand(Func<string, string?> environment, TimeProvider clock)
    {
        _environment = environment;
        _clock = clock;
    }

    public string Name => "token";

    public string Summary => "Mint a bearer token (JWT, HS256) for the dashboard's API";

    public string Description =>
        $"Prints a token for 'Authorization: Bearer <token>', signed with {KeyVariable} (at least 32 bytes), for\n"
        + $"issuer {IssuerVariable} (default quantpulse) and audience {AudienceVariable} (default quantpulse-api):\n"
        + "the variables the dashboard validates tokens with.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Subject, "NAME", "Who the token is for (its 'sub' claim)", Required: true),
        new(Expires, "DURATION", "How long it is valid: 30m, 1h, 168h", "1h"),
    ];

    public async Task<int> RunAsync(ParsedOptions options, CliConsole console, CancellationToken cancellationToken)
    {
        var subject = options.Value(Subject)!;
        if (subject.Length == 0 || subject.Length > 200)
        {
            throw new UsageException($"{Subject}: give a name of 1 to 200 characters");
        }

        var lifetime = options.Value(Expires) is { } text ? OptionValues.Duration(Expires, text) : TimeSpan.FromHours(1);
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(366))
        {
            throw new UsageException($"{Expires}: give a duration from 1s to 8784h (366 days)");
        }

        var key = _environment(KeyVariable);
        if (string.IsNullOrEmpty(key) || Encoding.UTF8.GetByteCount(key) < 32)
        {
            await console.Error.WriteLineAsync($"quantpulse token: {KeyVariable} must be set to the dashboard's signing key (at least 32 bytes)");
            return ExitCodes.Failure;
        }

        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var token = Create(
            Encoding.UTF8.GetBytes(key),
            subject,
            NonEmpty(_environment(IssuerVariable)) ?? "quantpulse",
            NonEmpty(_environment(AudienceVariable)) ?? "quantpulse-api",
            now,
            now + (long)lifetime.TotalSeconds);
        await console.Out.WriteLineAsync(token);
        return ExitCodes.Success;
    }

    /// <summary>A compact JWS: base64url(header).base64url(claims).base64url(HMAC-SHA256).</summary>
    internal static string Create(byte[] key, string subject, string issuer, string audience, long issuedAt, long expires)
    {
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);
        var claims = Base64Url(Claims(subject, issuer, audience, issuedAt, expires));
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(header + "." + claims));
        return header + "." + claims + "." + Base64Url(signature);
    }

    // Written field by field: no reflection-based serializer, so the native (AOT) build needs no run-time metadata.
    private static ReadOnlySpan<byte> Claims(string subject, string issuer, string audience, long issuedAt, long expires)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("sub", subject);
            json.WriteString("iss", issuer);
            json.WriteString("aud", audience);
            json.WriteNumber("iat", issuedAt);
            json.WriteNumber("nbf", issuedAt);
            json.WriteNumber("exp", expires);
            json.WriteString("jti", Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return buffer.WrittenSpan;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
