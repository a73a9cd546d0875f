using QuantPulse.Trading;

namespace QuantPulse.Tests.Trading;

/// <summary>Hands each order update to a callback.</summary>
public sealed class OrderObserver(Action<Order> onNext) : IObserver<Order>
{
    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void OnNext(Order value) => onNext(value);
}
