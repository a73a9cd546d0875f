// The QuantPulse dashboard host: the pipeline in-process, plus the REST API, the live WebSocket feed, health and metrics.
var builder = WebApplication.CreateBuilder(args);
builder.UseDashboardDefaults();
builder.Services.AddQuantPulse(builder.Configuration);
builder.AddDashboardServices();
builder.AddDashboardUi();

var app = builder.Build();
app.MapDashboard();
app.MapDashboardUi();
await app.RunAsync();
