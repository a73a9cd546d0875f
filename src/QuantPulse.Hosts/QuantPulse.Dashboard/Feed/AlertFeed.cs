using QuantPulse.Alerts;
using QuantPulse.Dashboard.Api;
using QuantPulse.Hosting;

namespace QuantPulse.Dashboard.Feed;

/// <summary>Puts every alert trigger on the live feed as <c>{"type":"alert","data":{…}}</c>.</summary>
internal sealed class AlertFeed(AlertService alerts, UpdateFeed feed) : IHostedService, IObserver<AlertTrigger>
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = alerts.Subscribe(this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void OnNext(AlertTrigger value) => feed.PublishAlert(AlertTriggerDto.From(value));

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }
}
