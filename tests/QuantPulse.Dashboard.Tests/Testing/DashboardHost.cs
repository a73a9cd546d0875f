using QuantPulse.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Testing;

/// <summary>
/// One in-process dashboard shared by a test class: <see cref="Configure"/> sets its settings before it starts,
/// <see cref="StartedAsync"/> waits until it is ready for the tests, and the client goes with the factory.
/// </summary>
public abstract class DashboardHost : IAsyncLifetime
{
    public DashboardFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Configure(Factory);
        Client = Factory.CreateClient();
        await StartedAsync();
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Settings for this host (applied before it starts).</summary>
    protected virtual void Configure(DashboardFactory factory)
    {
    }

    /// <summary>Waits until the host is ready for the tests.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    /// <summary>Waits until the simulated market has a price for <paramref name="symbol"/>.</summary>
    protected Task PricedAsync(string symbol) =>
        Eventually.TrueAsync(
            async () => (await Client.GetAsync(new Uri("/api/price/" + symbol, UriKind.Relative))).IsSuccessStatusCode,
            "the simulated market has a price");
}
