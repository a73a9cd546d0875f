using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Commands;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Commands;

public sealed class TokenCommandTests
{
    private const string Key = "a-signing-key-of-at-least-32-bytes!!";

    [Fact]
    public async Task Run_KeyInEnvironment_PrintsAnHs256TokenForTheSubject()
    {
        var now = new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);
        var (exit, output, error) = await RunAsync(Environment(Key), now, "--subject", "alice", "--expires", "30m");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        var parts = output.Trim().Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", Encoding.UTF8.GetString(Decode(parts[0])));
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        Assert.Equal(expected, Decode(parts[2]));
        using var claims = JsonDocument.Parse(Decode(parts[1]));
        Assert.Equal("alice", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal("quantpulse", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("quantpulse-api", claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal(now.ToUnixTimeSeconds(), claims.RootElement.GetProperty("iat").GetInt64());
        Assert.Equal(now.AddMinutes(30).ToUnixTimeSeconds(), claims.RootElement.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task Run_IssuerAndAudienceInEnvironment_UsesThem()
    {
        var environment = Environment(Key);
        environment[TokenCommand.IssuerVariable] = "desk";
        environment[TokenCommand.AudienceVariable] = "desk-api";

        var (exit, output, _) = await RunAsync(environment, DateTimeOffset.UnixEpoch, "--subject", "bob");

        Assert.Equal(0, exit);
        using var claims = JsonDocument.Parse(Decode(output.Trim().Split('.')[1]));
        Assert.Equal("desk", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("desk-api", claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal(3600, claims.RootElement.GetProperty("exp").GetInt64());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("too-short")]
    public async Task Run_NoUsableKey_ExitOneWithOneLineNamingTheVariable(string? key)
    {
        var (exit, output, error) = await RunAsync(Environment(key), DateTimeOffset.UnixEpoch, "--subject", "alice");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"quantpulse token: {TokenCommand.KeyVariable} must be set to the dashboard's signing key (at least 32 bytes)\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Run_ZeroExpiry_UsageError()
    {
        await Assert.ThrowsAsync<UsageException>(() => RunAsync(Environment(Key), DateTimeOffset.UnixEpoch, "--subject", "alice", "--expires", "0s"));
    }

    private static Dictionary<string, string?> Environment(string? key) => new() { [TokenCommand.KeyVariable] = key };

    private static async Task<(int Exit, string Output, string Error)> RunAsync(Dictionary<string, string?> environment, DateTimeOffset now, params string[] args)
    {
        var command = new TokenCommand(name => environment.GetValueOrDefault(name), new ManualTimeProvider(now));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await command.RunAsync(ArgumentParser.Parse(args, command.Options), new CliConsole(output, error), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static byte[] Decode(string part)
    {
        var text = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
    }
}
