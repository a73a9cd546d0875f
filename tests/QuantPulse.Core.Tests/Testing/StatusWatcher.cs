using QuantPulse.Sources;

namespace QuantPulse.Tests.Testing;

/// <summary>
/// Records a live source's status changes and lets a test wait for one. With <c>advanceOnRetry</c> it moves the
/// manual clock by every announced retry delay (on another thread), so reconnects happen exactly when the backoff
/// policy says, without sleeping.
/// </summary>
public sealed class StatusWatcher : IObserver<ConnectionStatus>, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ConnectionStatus> _statuses = [];
    private readonly List<(Func<ConnectionStatus, bool> Match, TaskCompletionSource<ConnectionStatus> Done)> _waiters = [];
    private readonly ManualTimeProvider? _clock;
    private readonly IDisposable _subscription;

    public StatusWatcher(ILiveTickSource source, ManualTimeProvider? advanceOnRetry = null)
    {
        _clock = advanceOnRetry;
        _subscription = source.StatusChanges.Subscribe(this);
    }

    public IReadOnlyList<ConnectionStatus> Statuses
    {
        get
        {
            lock (_gate)
            {
                return [.. _statuses];
            }
        }
    }

    /// <summary>The announced retry delays, in order.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays =>
        [.. Statuses.Where(s => s.State == ConnectionState.Reconnecting).Select(s => s.RetryDelay!.Value)];

    public Task<ConnectionStatus> WaitForAsync(ConnectionState state, int occurrence = 1) =>
        WaitForAsync(s => s.State == state, occurrence);

    /// <summary>Completes when the <paramref name="occurrence"/>-th matching status (counting past ones) is seen.</summary>
    public Task<ConnectionStatus> WaitForAsync(Func<ConnectionStatus, bool> match, int occurrence = 1)
    {
        var done = new TaskCompletionSource<ConnectionStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var seen = _statuses.Where(match).Skip(occurrence - 1).FirstOrDefault();
            if (seen is not null)
            {
                done.SetResult(seen);
            }
            else
            {
                var remaining = occurrence - _statuses.Count(match);
                _waiters.Add((s => match(s) && --remaining == 0, done));
            }
        }

        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void OnNext(ConnectionStatus value)
    {
        List<TaskCompletionSource<ConnectionStatus>> completed = [];
        lock (_gate)
        {
            _statuses.Add(value);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(value))
                {
                    completed.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var done in completed)
        {
            done.TrySetResult(value);
        }

        if (_clock is not null && value is { State: ConnectionState.Reconnecting, RetryDelay: { } delay })
        {
            _ = Task.Run(() => AdvanceTo(_clock, value.Since + delay));
        }
    }

    private static void AdvanceTo(ManualTimeProvider clock, DateTimeOffset due)
    {
        try
        {
            if (clock.GetUtcNow() < due)
            {
                clock.SetUtcNow(due);
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            // The test moved the clock further meanwhile; the retry timer fired on the way.
        }
    }

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }

    public void Dispose() => _subscription.Dispose();
}
