namespace QuantPulse.Hosting;

/// <summary>The first failure of the host's pipeline, read when the host has stopped to choose its exit code.</summary>
internal sealed class QuantPulseHostStatus
{
    private Exception? _failure;

    public Exception? Failure => Volatile.Read(ref _failure);

    public void Fail(Exception exception) => Interlocked.CompareExchange(ref _failure, exception, null);
}
