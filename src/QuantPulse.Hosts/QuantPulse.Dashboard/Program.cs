// The QuantPulse dashboard host: the pipeline in-process, plus the REST API, the live WebSocket feed, health and metrics.
if (HealthProbe.IsProbe(args))
{
    return await HealthProbe.RunAsync(args[1]);
}

var builder = WebApplication.CreateBuilder(args);
builder.UseDashboardDefaults();
if (QuantPulse.Dashboard.Security.SecurityExtensions.FindExposureProblem(builder.Configuration, builder.Environment) is { } problem)
{
    await Console.Error.WriteLineAsync("quantpulse-dashboard: " + problem);
    return 1;
}

builder.Services.AddQuantPulse(builder.Configuration);
builder.AddDashboardServices();
builder.AddDashboardUi();

var app = builder.Build();
app.MapDashboard();
app.MapDashboardUi();
await app.RunAsync();
return 0;
