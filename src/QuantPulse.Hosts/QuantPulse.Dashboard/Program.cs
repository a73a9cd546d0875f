// The QuantPulse dashboard host: the pipeline in-process (or, with QuantPulse:Distributed:Role=dashboard, the events
// the scale-out workers publish; docs/scale-out.md), plus the pages, the REST API, the live WebSocket feed, health
// and metrics. appsettings.json is read from beside the application, whatever the working directory; the exit code is 0
// after a requested stop, 1 when the pipeline failed and 2 when the configuration is invalid (docs/configuration.md).
if (HealthProbe.IsProbe(args))
{
    return await HealthProbe.RunAsync(args[1]);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseDashboardDefaults();
if (QuantPulse.Dashboard.Security.SecurityExtensions.FindExposureProblem(builder.Configuration, builder.Environment) is { } problem)
{
    await Console.Error.WriteLineAsync("quantpulse-dashboard: " + problem);
    return 1;
}

builder.Services.AddQuantPulse(builder.Configuration);
if (QuantPulse.Distributed.Hosting.DistributedServiceCollectionExtensions.AddQuantPulseRole(builder.Services, builder.Configuration, dashboardHost: true) is { } roleProblem)
{
    await Console.Error.WriteLineAsync("quantpulse-dashboard: " + roleProblem);
    return QuantPulse.Hosting.QuantPulseExitCodes.InvalidConfiguration;
}

builder.AddDashboardServices();
builder.AddDashboardUi();

var app = builder.Build();
app.MapDashboard();
app.MapDashboardUi();
return await app.RunQuantPulseAsync();
