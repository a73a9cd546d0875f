using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QuantPulse.Alerts;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Alerts;

/// <summary>The webhook against a real Kestrel server on 127.0.0.1.</summary>
public sealed class AlertWebhookTests : IAsyncLifetime
{
    private const string Secret = "webhook-secret";
    private readonly ConcurrentQueue<(string Path, string Body, string? Signature)> _received = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private LoopbackServer _server = null!;

    internal static AlertTrigger Trigger { get; } =
        new(3, "cross", "R_100", AlertCondition.CrossingUp, 1250.5, 1250, Ticks.Day.AddSeconds(5), null, "R_100 price crossing_up 1250: 1250.5") { Id = 42 };

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(app =>
        app.MapPost("/{kind}/{failures:int}", async (HttpContext context, string kind, int failures) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var call = _calls.AddOrUpdate(context.Request.Path, 1, (_, n) => n + 1);
            _received.Enqueue((context.Request.Path, body, context.Request.Headers[AlertWebhook.SignatureHeader].ToString()));
            return call <= failures
                ? Results.StatusCode(kind == "refuse" ? 400 : 503)
                : Results.Ok();
        }));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task DeliverAsync_Accepted_PostsTheSignedJson()
    {
        using var webhook = Create("ok/0");

        var (delivery, attempts, error) = await webhook.DeliverAsync(Trigger);

        Assert.Equal((AlertDelivery.Delivered, 1, (string?)null), (delivery, attempts, error));
        var (_, body, signature) = Assert.Single(_received);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));
        Assert.Equal(expected, signature);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("alert", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(42, json.RootElement.GetProperty("id").GetInt64());
        Assert.Equal(3, json.RootElement.GetProperty("alert_id").GetInt64());
        Assert.Equal("crossing_up", json.RootElement.GetProperty("condition").GetString());
        Assert.Equal(1250.5, json.RootElement.GetProperty("value").GetDouble());
        Assert.Equal("2024-01-02T00:00:05Z", json.RootElement.GetProperty("time").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("candle_open_time").ValueKind);
    }

    [Fact]
    public async Task DeliverAsync_ServerErrorsThenSuccess_RetriesUntilDelivered()
    {
        using var webhook = Create("flaky/2");

        var (delivery, attempts, _) = await webhook.DeliverAsync(Trigger);

        Assert.Equal((AlertDelivery.Delivered, 3), (delivery, attempts));
        Assert.Equal(3, _received.Count);
        Assert.Single(_received.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task DeliverAsync_Refused_FailsWithoutRetrying()
    {
        using var webhook = Create("refuse/100");

        var (delivery, attempts, error) = await webhook.DeliverAsync(Trigger);

        Assert.Equal((AlertDelivery.Failed, 1), (delivery, attempts));
        Assert.StartsWith("HTTP 400", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_AlwaysFailing_StopsAfterMaxAttempts()
    {
        using var webhook = Create("down/100", maxAttempts: 4);

        var (delivery, attempts, error) = await webhook.DeliverAsync(Trigger);

        Assert.Equal((AlertDelivery.Failed, 4), (delivery, attempts));
        Assert.StartsWith("HTTP 503", error, StringComparison.Ordinal);
        Assert.Equal(4, _received.Count);
    }

    [Fact]
    public async Task DeliverAsync_NobodyListening_FailsAfterMaxAttempts()
    {
        var port = FreePort();
        using var webhook = new AlertWebhook(new AlertWebhookOptions { Url = $"http://127.0.0.1:{port}/hook", MaxAttempts = 2, InitialDelay = TimeSpan.Zero });

        var (delivery, attempts, error) = await webhook.DeliverAsync(Trigger);

        Assert.Equal((AlertDelivery.Failed, 2), (delivery, attempts));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void RetryDelay_DoublesUpToTheMaximum()
    {
        var options = new AlertWebhookOptions { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) };

        Assert.Equal([1.0, 2, 4, 5, 5], Enumerable.Range(1, 5).Select(n => options.RetryDelay(n).TotalSeconds));
    }

    [Fact]
    public void Constructor_NotHttp_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AlertWebhook(new AlertWebhookOptions { Url = "ftp://example.com/x" }));

        Assert.Contains("Url", ex.Message);
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private AlertWebhook Create(string path, int maxAttempts = 5) => new(new AlertWebhookOptions
    {
        Url = new Uri(_server.HttpBase, path).ToString(),
        Secret = Secret,
        MaxAttempts = maxAttempts,
        InitialDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(4),
    });
}
