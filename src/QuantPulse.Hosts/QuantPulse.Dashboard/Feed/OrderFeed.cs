using QuantPulse.Dashboard.Api;
using QuantPulse.Dashboard.Trading;
using QuantPulse.Trading;

namespace QuantPulse.Dashboard.Feed;

/// <summary>
/// Puts every change of every order of the terminal's broker on the live feed as <c>{"type":"order","data":{…}}</c>,
/// the same JSON as <c>GET /api/orders/{id}</c>.
/// </summary>
internal sealed class OrderFeed(TerminalBroker terminal, UpdateFeed feed) : IHostedService, IObserver<Order>, IDisposable
{
    private IDisposable? _subscription;
    private volatile bool _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = SubscribeAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => Interlocked.Exchange(ref _subscription, null)?.Dispose();

    public void OnNext(Order value) => feed.PublishOrder(OrderDto.From(value));

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }

    private async Task SubscribeAsync()
    {
        try
        {
            var broker = await terminal.BrokerAsync.ConfigureAwait(false);
            Interlocked.Exchange(ref _subscription, broker.OrderUpdates.Subscribe(this))?.Dispose();
            if (_stopped)
            {
                Dispose();
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            // The broker did not open (logged by TerminalBroker): there are no orders to publish.
        }
    }
}
