using QuantPulse.Dashboard.Components;

namespace QuantPulse.Dashboard.Extensions;

/// <summary>The dashboard's Blazor Server pages: interactive server components and the static assets they need.</summary>
internal static class DashboardUiExtensions
{
    /// <summary>Registers the Razor components with interactive server rendering and the chart interop.</summary>
    public static WebApplicationBuilder AddDashboardUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddScoped<ChartInterop>();
        builder.Services.AddSingleton<Components.Shared.ChartLatency>();
        return builder;
    }

    /// <summary>Maps the pages and their static assets (the chart library, styles, the Blazor script).</summary>
    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
