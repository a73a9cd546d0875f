using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace QuantPulse.Hosting;

/// <summary>
/// Runs the configured pipeline for the lifetime of the host. A failure is logged on one line (the stack trace only
/// at Debug level), recorded in <see cref="QuantPulseHostStatus"/> and stops the host, which then exits non-zero
/// (see <c>RunQuantPulseAsync</c>).
/// </summary>
internal sealed class QuantPulseWorker(
    QuantPulseRuntime runtime,
    QuantPulseHostStatus status,
    ILogger<QuantPulseWorker> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await runtime.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Every failure is reported and turned into the host's exit code; nothing is swallowed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            status.FailAndStop(ex, logger, lifetime);
        }
    }
}
