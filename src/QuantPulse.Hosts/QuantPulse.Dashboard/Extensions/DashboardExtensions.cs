namespace QuantPulse.Dashboard.Extensions;

/// <summary>The dashboard's own services and endpoints, on top of the pipeline <c>AddQuantPulse</c> registers.</summary>
internal static class DashboardExtensions
{
    /// <summary>Registers the dashboard's services.</summary>
    public static WebApplicationBuilder AddDashboardServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>Maps the dashboard's endpoints.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        return app;
    }
}
