using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuantPulse.Model;

namespace QuantPulse.Hosting;

/// <summary>The first failure of the host's pipeline, read when the host has stopped to choose its exit code.</summary>
internal sealed class QuantPulseHostStatus
{
    private Exception? _failure;

    public Exception? Failure => Volatile.Read(ref _failure);

    public void Fail(Exception exception) => Interlocked.CompareExchange(ref _failure, exception, null);

    /// <summary>
    /// Records <paramref name="exception"/> for the exit code, logs it on one line (the stack trace only at Debug
    /// level) and stops the host.
    /// </summary>
    public void FailAndStop(Exception exception, ILogger logger, IHostApplicationLifetime? lifetime)
    {
        Fail(exception);
        var error = LogText.Error(exception);
        Log.PipelineFailed(logger, error);
        Log.PipelineFailureDetail(logger, exception);
        lifetime?.StopApplication(); // Absent only when the service runs outside a generic host.
    }
}
