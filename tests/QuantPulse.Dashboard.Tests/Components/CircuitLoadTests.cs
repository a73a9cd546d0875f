using Microsoft.Extensions.DependencyInjection;
using QuantPulse.CircuitLoad;
using QuantPulse.Dashboard.Telemetry;
using QuantPulse.Dashboard.Tests.Testing;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Components;

/// <summary>
/// The circuit load client (tests/QuantPulse.CircuitLoad) against the real host on Kestrel: its circuits are circuits
/// the host counts, they render the market page's live chart and keep rendering as ticks arrive, and closing them
/// releases them on the host. The benchmark's figures rest on this.
/// </summary>
public sealed class CircuitLoadTests(CircuitLoadHost host) : IClassFixture<CircuitLoadHost>
{
    private const int Circuits = 3;
    private readonly DashboardFactory _factory = host.Factory;
    private readonly HttpClient _http = host.Http;
    private readonly Uri _address = host.Address;

    [Fact]
    public async Task OpenAsync_MarketPage_HostCountsCircuitsThatKeepRenderingUntilClosed()
    {
        var open = _factory.Services.GetRequiredService<OpenCircuits>();
        Assert.Equal(0, open.Count);
        var circuits = new CircuitSet();
        try
        {
            await circuits.OpenAsync(_http, new Uri(_address, "/?tf=1m"), Circuits, Circuits, TimeSpan.FromMinutes(3));

            Assert.Equal(Circuits, circuits.Clients.Count);
            Assert.All(circuits.Clients, c => Assert.False(string.IsNullOrEmpty(c.CircuitId)));
            Assert.Equal(Circuits, circuits.Clients.Select(c => c.CircuitId).Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(Circuits, open.Count);

            // The chart redraws as ticks arrive: every circuit gets new render batches and JS calls (chart updates).
            var first = circuits.Snapshot();
            await Eventually.TrueAsync(
                () => circuits.Clients.Select((c, i) => c.RenderBatches >= first.PerCircuit[i] + 3).All(grew => grew)
                    && circuits.Snapshot().JSCalls > first.JSCalls,
                "every circuit receives further render batches and the charts further JS calls as ticks arrive");
            Assert.True(circuits.Snapshot().JSCalls > first.JSCalls);
            Assert.Equal(0, circuits.Stalled(first));
            Assert.Equal(Circuits, circuits.Live);
            Assert.Empty(circuits.Failures());
        }
        finally
        {
            await circuits.DisposeAsync();
        }

        await Eventually.TrueAsync(() => open.Count == 0, "the host releases the closed circuits");
    }

    [Fact]
    public async Task OpenAsync_PageWithoutServerComponents_FailsWithClearMessage()
    {
        var circuits = new CircuitSet();
        await using (circuits)
        {
            var failure = await Assert.ThrowsAsync<CircuitException>(
                () => circuits.OpenAsync(_http, new Uri(_address, "/health"), 1, 1, TimeSpan.FromMinutes(1)));
            Assert.Contains("no interactive server component", failure.Message, StringComparison.Ordinal);
        }
    }
}

/// <summary>The dashboard on Kestrel (loopback, a free port), its simulated market ticking every 50 ms.</summary>
public sealed class CircuitLoadHost : IDisposable
{
    public CircuitLoadHost()
    {
        Address = FeedConnection.StartKestrel(Factory);
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public DashboardFactory Factory { get; } = new();

    public Uri Address { get; }

    public HttpClient Http { get; }

    public void Dispose()
    {
        Http.Dispose();
        Factory.Dispose();
    }
}
