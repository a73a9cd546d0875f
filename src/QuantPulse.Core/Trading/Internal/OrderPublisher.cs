namespace QuantPulse.Trading.Internal;

/// <summary>Pushes order changes to subscribers.</summary>
/// <remarks>
/// The subscriber list is copied under a lock and observers are called outside it; an observer that throws is
/// reported to <paramref name="onObserverError"/> and the others still get the update. Unsubscribing twice is harmless.
/// </remarks>
internal sealed class OrderPublisher(Action<Exception> onObserverError) : IObservable<Order>
{
    private readonly Lock _gate = new();
    private IObserver<Order>[] _observers = [];

    public IDisposable Subscribe(IObserver<Order> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(this, observer);
    }

    public void Publish(IEnumerable<Order> orders)
    {
        IObserver<Order>[] observers;
        lock (_gate)
        {
            observers = _observers;
        }

        foreach (var order in orders)
        {
            foreach (var observer in observers)
            {
                try
                {
                    observer.OnNext(order);
                }
#pragma warning disable CA1031 // One failing subscriber must not keep the others from their updates.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    onObserverError(ex);
                }
            }
        }
    }

    private void Remove(IObserver<Order> observer)
    {
        lock (_gate)
        {
            _observers = [.. _observers.Where(o => !ReferenceEquals(o, observer))];
        }
    }

    private sealed class Subscription(OrderPublisher owner, IObserver<Order> observer) : IDisposable
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
