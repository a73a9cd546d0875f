namespace QuantPulse.Sources.Live;

/// <summary>
/// Holds a source's current <see cref="ConnectionStatus"/> and pushes every change to subscribers. New subscribers
/// get the current status first.
/// </summary>
/// <remarks>
/// The subscriber list is copied under a lock and observers are called outside it; an observer that throws is
/// reported through <paramref name="onObserverError"/> and does not keep the others from being called. Disposing a
/// subscription twice is harmless.
/// </remarks>
internal sealed class StatusPublisher(ConnectionStatus initial, Action<Exception> onObserverError) : IObservable<ConnectionStatus>
{
    private readonly Lock _gate = new();
    private IObserver<ConnectionStatus>[] _observers = [];
    private ConnectionStatus _current = initial;
    private bool _completed;

    public ConnectionStatus Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public IDisposable Subscribe(IObserver<ConnectionStatus> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ConnectionStatus current;
        bool completed;
        lock (_gate)
        {
            current = _current;
            completed = _completed;
            if (!completed)
            {
                _observers = [.. _observers, observer];
            }
        }

        Deliver(observer, current);
        if (completed)
        {
            observer.OnCompleted();
        }

        return new Subscription(this, observer);
    }

    public void Publish(ConnectionStatus status)
    {
        IObserver<ConnectionStatus>[] observers;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _current = status;
            observers = _observers;
        }

        foreach (var observer in observers)
        {
            Deliver(observer, status);
        }
    }

    public void Complete()
    {
        IObserver<ConnectionStatus>[] observers;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            observers = _observers;
            _observers = [];
        }

        foreach (var observer in observers)
        {
            Safely(observer.OnCompleted);
        }
    }

    private void Deliver(IObserver<ConnectionStatus> observer, ConnectionStatus status) => Safely(() => observer.OnNext(status));

    private void Safely(Action call)
    {
        try
        {
            call();
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop the source or the other subscribers; it is reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            onObserverError(ex);
        }
    }

    private void Remove(IObserver<ConnectionStatus> observer)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_observers, observer);
            if (index >= 0)
            {
                _observers = [.. _observers[..index], .. _observers[(index + 1)..]];
            }
        }
    }

    private sealed class Subscription(StatusPublisher owner, IObserver<ConnectionStatus> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(observer);
            }
        }
    }
}
