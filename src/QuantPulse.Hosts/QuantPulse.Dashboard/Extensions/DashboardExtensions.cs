using Microsoft.AspNetCore.Http.Json;
using QuantPulse.Dashboard.Api;
using QuantPulse.Dashboard.Feed;
using QuantPulse.Dashboard.Security;
using QuantPulse.Dashboard.Telemetry;
using QuantPulse.Hosting;

namespace QuantPulse.Dashboard.Extensions;

/// <summary>The dashboard's own services and endpoints, on top of the pipeline <c>AddQuantPulse</c> registers.</summary>
internal static class DashboardExtensions
{
    /// <summary>Registers the dashboard's services.</summary>
    public static WebApplicationBuilder AddDashboardServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddOpenApi();
        services.AddDashboardHealth();
        services.AddSingleton<SymbolDirectory>();
        services.AddSingleton<CandleUploads>().AddSingleton<StoredBacktests>().AddSingleton<PairStudies>();
        services.AddSingleton<UpdateFeedClients>();
        services.AddSingleton<FeedMetrics>();
        services.AddSingleton<UpdateFeed>();
        services.AddSingleton<IPipelineContributor>(sp => sp.GetRequiredService<UpdateFeed>());
        services.AddHostedService<AlertFeed>();
        services.AddHostedService<UploadedSymbols>();
        builder.AddTerminalBroker();
        builder.AddDashboardSecurity();
        builder.AddDashboardTelemetry();
        return builder;
    }

    /// <summary>Maps the dashboard's middleware and endpoints.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLogging();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });

        app.MapDashboardHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");

        var api = app.MapGroup("/api").RequireRateLimiting(SecurityExtensions.ApiRateLimit);
        api.MapGroup(string.Empty).RequireAuthorization(SecurityExtensions.ReadPolicy).MapMarketEndpoints().MapStatsEndpoints().MapBacktestEndpoints().MapOrderReadEndpoints();
        api.MapGroup(string.Empty).RequireAuthorization(SecurityExtensions.ReadPolicy).MapAnalyticsEndpoints();
        api.MapGroup(string.Empty).RequireAuthorization(SecurityExtensions.WritePolicy).MapTradeEndpoints().MapUploadEndpoints().MapOrderWriteEndpoints();
        api.MapAlertEndpoints();
        app.MapUpdateFeed().RequireAuthorization(SecurityExtensions.ReadPolicy).RequireRateLimiting(SecurityExtensions.FeedRateLimit);
        return app;
    }
}
