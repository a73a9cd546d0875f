using System.Threading.Channels;

namespace QuantPulse.Pipeline.Internal;

/// <summary>
/// Publishes values to observers that may come and go, each through its own bounded buffer, so a slow or failing
/// observer never slows the publisher or the other observers.
/// </summary>
/// <remarks>
/// <see cref="Publish"/> never blocks: when an observer's buffer is full its oldest pending value is dropped and
/// counted in <see cref="Dropped"/>. Each observer is called on its own task, one value at a time. An observer
/// that throws is unsubscribed (its exception is kept in <see cref="ObserverFaults"/>); the others go on.
/// Unsubscribing is idempotent.
/// </remarks>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class ObserverHub<T> : IObservable<T>
{
    private readonly int _bufferSize;
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];
    private bool _completed;
    private Exception? _error;
    private long _dropped;
    private long _observerFaults;

    public ObserverHub(int bufferSize) => _bufferSize = bufferSize;

    /// <summary>How many values were dropped because an observer fell behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>How many observers threw and were unsubscribed.</summary>
    public long ObserverFaults => Interlocked.Read(ref _observerFaults);

    /// <summary>How many observers are subscribed.</summary>
    public int Count => Volatile.Read(ref _subscriptions).Length;

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            if (_completed)
            {
                if (_error is null)
                {
                    observer.OnCompleted();
                }
                else
                {
                    observer.OnError(_error);
                }

                return EmptyDisposable.Instance;
            }

            var subscription = new Subscription(this, observer, _bufferSize);
            _subscriptions = [.. _subscriptions, subscription];
            subscription.Start();
            return subscription;
        }
    }

    public void Publish(T value)
    {
        var subscriptions = Volatile.Read(ref _subscriptions);
        foreach (var subscription in subscriptions)
        {
            subscription.Enqueue(value);
        }
    }

    public void Complete(Exception? error = null)
    {
        Subscription[] subscriptions;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _error = error;
            subscriptions = _subscriptions;
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Finish(error);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_subscriptions, subscription);
            if (index < 0)
            {
                return;
            }

            var copy = new Subscription[_subscriptions.Length - 1];
            Array.Copy(_subscriptions, 0, copy, 0, index);
            Array.Copy(_subscriptions, index + 1, copy, index, copy.Length - index);
            _subscriptions = copy;
        }
    }

    private sealed class Subscription : IDisposable
    {
        private readonly ObserverHub<T> _hub;
        private readonly IObserver<T> _observer;
        private readonly Channel<T> _channel;
        private Exception? _error;
        private int _disposed;

        public Subscription(ObserverHub<T> hub, IObserver<T> observer, int bufferSize)
        {
            _hub = hub;
            _observer = observer;
            _channel = Channel.CreateBounded<T>(
                new BoundedChannelOptions(bufferSize)
                {
                    FullMode = BoundedChannelFullMode.DropOldest,
                    SingleReader = true,
                    SingleWriter = false,
                },
                _ => Interlocked.Increment(ref hub._dropped));
        }

        public void Start() => _ = Task.Run(DeliverAsync);

        public void Enqueue(T value) => _channel.Writer.TryWrite(value);

        public void Finish(Exception? error)
        {
            _error = error;
            _channel.Writer.TryComplete();
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _hub.Remove(this);
                _channel.Writer.TryComplete();
            }
        }

        private async Task DeliverAsync()
        {
            try
            {
                await foreach (var value in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    if (Volatile.Read(ref _disposed) != 0)
                    {
                        return;
                    }

                    _observer.OnNext(value);
                }

                if (Volatile.Read(ref _disposed) == 0)
                {
                    if (_error is null)
                    {
                        _observer.OnCompleted();
                    }
                    else
                    {
                        _observer.OnError(_error);
                    }
                }
            }
#pragma warning disable CA1031 // An observer's failure must not reach the pipeline or other observers.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _hub._observerFaults);
                Dispose();
            }
        }
    }

    private sealed class EmptyDisposable : IDisposable
    {
        public static readonly EmptyDisposable Instance = new();

        public void Dispose()
        {
        }
    }
}
