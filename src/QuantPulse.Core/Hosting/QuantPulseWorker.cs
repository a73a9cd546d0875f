using Microsoft.Extensions.Hosting;

namespace QuantPulse.Hosting;

/// <summary>Runs the configured pipeline for the lifetime of the host; a pipeline failure stops the host with the error.</summary>
internal sealed class QuantPulseWorker(QuantPulseRuntime runtime) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => runtime.RunAsync(stoppingToken);
}
