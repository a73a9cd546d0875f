namespace QuantPulse.Tests.Testing;

/// <summary>Wakes every waiter when something changed; waiters re-check their condition.</summary>
public sealed class AsyncSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _next.Task.WaitAsync(cancellationToken);
        }
    }

    public void Pulse()
    {
        TaskCompletionSource current;
        lock (_gate)
        {
            current = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        current.SetResult();
    }
}
