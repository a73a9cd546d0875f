using QuantPulse.Sources;
using QuantPulse.Sources.Live;

namespace QuantPulse.Tests.Sources.Live;

public class StatusPublisherTests
{
    private sealed class Observer(Action<ConnectionStatus>? onNext = null) : IObserver<ConnectionStatus>
    {
        public List<ConnectionState> States { get; } = [];

        public bool Completed { get; private set; }

        public void OnNext(ConnectionStatus value)
        {
            States.Add(value.State);
            onNext?.Invoke(value);
        }

        public void OnError(Exception error) => throw new InvalidOperationException("not expected", error);

        public void OnCompleted() => Completed = true;
    }

    private static ConnectionStatus Status(ConnectionState state) => new(state, 0, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Subscribe_Always_DeliversTheCurrentStatusFirstThenChanges()
    {
        var publisher = new StatusPublisher(Status(ConnectionState.Idle), _ => { });
        publisher.Publish(Status(ConnectionState.Connecting));
        var observer = new Observer();

        using (publisher.Subscribe(observer))
        {
            publisher.Publish(Status(ConnectionState.Live));
        }

        publisher.Publish(Status(ConnectionState.Reconnecting));

        Assert.Equal([ConnectionState.Connecting, ConnectionState.Live], observer.States);
        Assert.Equal(ConnectionState.Reconnecting, publisher.Current.State);
    }

    [Fact]
    public void Publish_WhenAnObserverThrows_ReportsItAndStillCallsTheOthers()
    {
        var errors = new List<Exception>();
        var publisher = new StatusPublisher(Status(ConnectionState.Idle), errors.Add);
        var failing = new Observer(s =>
        {
            if (s.State == ConnectionState.Live)
            {
                throw new InvalidOperationException("subscriber bug");
            }
        });
        var healthy = new Observer();
        using var a = publisher.Subscribe(failing);
        using var b = publisher.Subscribe(healthy);

        publisher.Publish(Status(ConnectionState.Live));

        Assert.Equal([ConnectionState.Idle, ConnectionState.Live], healthy.States);
        Assert.Equal("subscriber bug", Assert.Single(errors).Message);
    }

    [Fact]
    public void Dispose_Twice_IsHarmless()
    {
        var publisher = new StatusPublisher(Status(ConnectionState.Idle), _ => { });
        var observer = new Observer();
        var subscription = publisher.Subscribe(observer);

        subscription.Dispose();
        subscription.Dispose();
        publisher.Publish(Status(ConnectionState.Live));

        Assert.Equal([ConnectionState.Idle], observer.States);
    }

    [Fact]
    public void Complete_Always_CompletesCurrentAndLateSubscribers()
    {
        var publisher = new StatusPublisher(Status(ConnectionState.Idle), _ => { });
        var early = new Observer();
        using var a = publisher.Subscribe(early);
        publisher.Publish(Status(ConnectionState.Stopped));
        publisher.Complete();
        var late = new Observer();
        using var b = publisher.Subscribe(late);

        Assert.True(early.Completed);
        Assert.True(late.Completed);
        Assert.Equal([ConnectionState.Stopped], late.States);
    }
}
