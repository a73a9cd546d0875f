using QuantPulse.Model;

namespace QuantPulse.Dashboard.Components.Shared;

/// <summary>
/// Watches the pipeline's batches for a component and calls it back at a fixed rate, only after something it cares
/// about happened (or on every tick of the clock when <c>always</c> is set, for values that move with the price);
/// the callback learns whether something relevant happened.
/// </summary>
/// <remarks>
/// The observer runs on the pipeline hub's own task and only sets a flag, so the page never slows the pipeline; the
/// callback runs on the component's dispatcher through the given invoker. Dispose to unsubscribe.
/// </remarks>
internal sealed class LiveRefresh : IDisposable
{
    private readonly IDisposable _subscription;
    private readonly CancellationTokenSource _stop = new();
    private int _dirty;

    public LiveRefresh(IObservable<MarketBatch> updates, Func<MarketBatch, bool> relevant, Func<Func<Task>, Task> invoke, Func<bool, Task> refresh, TimeSpan period, bool always = false)
    {
        ArgumentNullException.ThrowIfNull(updates);
        _subscription = updates.Subscribe(new Observer(batch =>
        {
            if (relevant(batch))
            {
                Volatile.Write(ref _dirty, 1);
            }
        }));
        _ = RunAsync(invoke, refresh, period, always, _stop.Token);
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task RunAsync(Func<Func<Task>, Task> invoke, Func<bool, Task> refresh, TimeSpan period, bool always, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var changed = Interlocked.Exchange(ref _dirty, 0) == 1;
                if (changed || always)
                {
                    await invoke(() => refresh(changed)).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class Observer(Action<MarketBatch> onNext) : IObserver<MarketBatch>
    {
        public void OnNext(MarketBatch value) => onNext(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
