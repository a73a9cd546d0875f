namespace QuantPulse.Dashboard.Extensions;

/// <summary>Where the dashboard listens and how it serves its assets.</summary>
internal static class HostingExtensions
{
    /// <summary>The address used when neither <c>--urls</c>, <c>ASPNETCORE_URLS</c> nor Kestrel endpoints say otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Listens on <see cref="DefaultUrl"/> unless configured otherwise; serves static web assets from build output in any environment.</summary>
    public static WebApplicationBuilder UseDashboardDefaults(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configured = !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!configured)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // The build output (not only a publish) must serve its static assets outside Development too.
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }
}
