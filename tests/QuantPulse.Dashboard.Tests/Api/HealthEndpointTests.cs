using QuantPulse.Dashboard.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Api;

public sealed class HealthEndpointTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public HealthEndpointTests(DashboardFactory factory) => _factory = factory;

    [Fact]
    public async Task GetHealth_RunningHost_ReturnsHealthy()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
