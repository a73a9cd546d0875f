// The headless QuantPulse host: reads the QuantPulse configuration section, runs the pipeline, logs as JSON and
// serves its metrics at http://localhost:9464/metrics (Metrics:Host, Metrics:Port; see docs/operations.md). With
// QuantPulse:Distributed:Role set it plays one scale-out role instead (ingest, worker or archiver) and serves
// /health and /health/ready on Health:Port (docs/scale-out.md).
// appsettings.json is read from beside the application, whatever the working directory; the exit code is 0 after a
// requested stop, 1 when the pipeline failed and 2 when the configuration is invalid (see docs/configuration.md).
using QuantPulse.Distributed.Hosting;
using QuantPulse.Worker;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddQuantPulse(builder.Configuration);
if ((builder.Services.AddQuantPulseRole(builder.Configuration, dashboardHost: false) ?? builder.AddWorkerMetrics() ?? builder.AddRoleHealth()) is { } problem)
{
    await Console.Error.WriteLineAsync("quantpulse-worker: " + problem);
    return QuantPulse.Hosting.QuantPulseExitCodes.InvalidConfiguration;
}

using var host = builder.Build();
if (host.Services.FindRoleProblem() is { } roleProblem)
{
    await Console.Error.WriteLineAsync("quantpulse-worker: " + roleProblem);
    return QuantPulse.Hosting.QuantPulseExitCodes.InvalidConfiguration;
}

return await host.RunQuantPulseAsync();
