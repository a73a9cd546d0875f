using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using QuantPulse.Dashboard.Security;
using QuantPulse.Dashboard.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Security;

public sealed class DefaultsTests
{
    [Fact]
    public async Task PostTrade_NoCredentialsConfigured_401EvenWithAToken()
    {
        using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/trades", UriKind.Relative))
        {
            Content = new StringContent("""{"asset":"SIM_V100","direction":"BUY"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Create());

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_RequireAuthForReads_401WithoutAndOkWithToken()
    {
        using var factory = new DashboardFactory();
        factory.Settings["QuantPulse:Api:RequireAuthForReads"] = "true";
        factory.Settings["QuantPulse:Api:Jwt:SigningKey"] = TestTokens.Key;
        using var client = factory.CreateClient();

        using var anonymous = await client.GetAsync(new Uri("/api/symbols", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/symbols", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Create());
        using var authenticated = await client.SendAsync(request);
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Get_OverThePermitsPerMinute_429WithRetryAfter()
    {
        using var factory = new DashboardFactory();
        factory.Settings["QuantPulse:Api:RateLimit:PermitsPerMinute"] = "5";
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            last?.Dispose();
            last = await client.GetAsync(new Uri("/api/symbols", UriKind.Relative));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        last.Dispose();
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", null, true)]
    [InlineData("http://+:8080", null, true)]
    [InlineData("http://localhost:5080", null, false)]
    [InlineData("http://127.0.0.1:5080;http://[::1]:5080", null, false)]
    [InlineData("http://0.0.0.0:5080", "QuantPulse:Api:ApiKeys:0", false)]
    public void FindExposureProblem_Production_RefusesNonLoopbackWithoutCredentials(string urls, string? credentialKey, bool refused)
    {
        var settings = new Dictionary<string, string?> { ["urls"] = urls };
        if (credentialKey is not null)
        {
            settings[credentialKey] = "some-key";
        }

        var problem = SecurityExtensions.FindExposureProblem(
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            new Environment("Production"));

        Assert.Equal(refused, problem is not null);
        if (refused)
        {
            Assert.Contains("QuantPulse__Api__Jwt__SigningKey", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FindExposureProblem_ShortSigningKey_Refused()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["QuantPulse:Api:Jwt:SigningKey"] = "short" })
            .Build();

        Assert.Contains("32 bytes", SecurityExtensions.FindExposureProblem(configuration, new Environment("Development")), StringComparison.Ordinal);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "QuantPulse.Dashboard";

        public string ContentRootPath { get; set; } = "/";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
