using Microsoft.AspNetCore.Components.Server.Circuits;
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
        builder.Services.AddSingleton<Telemetry.OpenCircuits>();
        builder.Services.AddScoped<CircuitHandler, Telemetry.OpenCircuits.Handler>();
        return builder;
    }

    /// <summary>Maps the pages and their static assets (the chart library, styles, the Blazor script).</summary>
    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        // The circuit gauge reads 0 from the start, not only after the first tab.
        app.Services.GetRequiredService<Telemetry.OpenCircuits>();
        return app;
    }
}
