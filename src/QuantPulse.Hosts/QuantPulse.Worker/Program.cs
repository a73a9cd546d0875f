// The headless QuantPulse host: reads the QuantPulse configuration section, runs the pipeline, logs as JSON.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddQuantPulse(builder.Configuration);

using var host = builder.Build();
await host.RunAsync();
