// The headless QuantPulse host: reads the QuantPulse configuration section, runs the pipeline, logs as JSON.
// appsettings.json is read from beside the application, whatever the working directory; the exit code is 0 after a
// requested stop, 1 when the pipeline failed and 2 when the configuration is invalid (see docs/configuration.md).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddQuantPulse(builder.Configuration);

using var host = builder.Build();
return await host.RunQuantPulseAsync();
