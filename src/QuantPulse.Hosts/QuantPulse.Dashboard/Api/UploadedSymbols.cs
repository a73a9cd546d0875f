using System.Data.Common;
using QuantPulse.Hosting;

namespace QuantPulse.Dashboard.Api;

/// <summary>
/// At start-up, before requests are served, reads which symbols have uploaded candles in the store, so the API keeps
/// knowing them after a restart. A store that cannot be read is logged and the host starts without them.
/// </summary>
internal sealed partial class UploadedSymbols(CandleUploads uploads, ILogger<UploadedSymbols> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var count = await uploads.LoadAsync(cancellationToken).ConfigureAwait(false);
            LoadedLog(logger, count);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException)
        {
            FailedLog(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 8200, Level = LogLevel.Information, Message = "{Count} uploaded symbols in the store")]
    private static partial void LoadedLog(ILogger logger, int count);

    [LoggerMessage(EventId = 8201, Level = LogLevel.Warning, Message = "The uploaded symbols could not be read from the store; they are unknown until uploaded again")]
    private static partial void FailedLog(ILogger logger, Exception exception);
}
