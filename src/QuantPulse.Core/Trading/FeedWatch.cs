using QuantPulse.Model;

namespace QuantPulse.Trading;

/// <summary>The latest price of each symbol and when its last tick arrived, for the stale-feed rule and P&amp;L.</summary>
/// <remarks>
/// Arrival times come from the injected <see cref="TimeProvider"/>, not from the ticks' own timestamps, so a feed
/// that replays old ticks still counts as live while ticks keep arriving. Thread-safe.
/// </remarks>
public sealed class FeedWatch
{
    private readonly TimeProvider _time;
    private readonly Dictionary<string, (decimal Price, DateTimeOffset Arrived)> _last = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates an empty watch.</summary>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public FeedWatch(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>The clock the watch reads.</summary>
    public TimeProvider Time => _time;

    /// <summary>Records a tick's arrival.</summary>
    /// <param name="tick">The tick.</param>
    public void Observe(in Tick tick)
    {
        if (tick.Price <= 0m || string.IsNullOrEmpty(tick.Symbol))
        {
            return;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _last[tick.Symbol] = (tick.Price, now);
        }
    }

    /// <summary>The latest price of <paramref name="symbol"/>, or null before its first tick.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns>The price.</returns>
    public decimal? LastPrice(string symbol)
    {
        lock (_gate)
        {
            return _last.TryGetValue(symbol, out var last) ? last.Price : null;
        }
    }

    /// <summary>How long ago the last tick of <paramref name="symbol"/> arrived, or null before its first tick.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns>The age.</returns>
    public TimeSpan? Age(string symbol)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _last.TryGetValue(symbol, out var last) ? now - last.Arrived : null;
        }
    }

    /// <summary>Whether <paramref name="symbol"/> has had no tick within <paramref name="staleAfter"/>.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="staleAfter">The window.</param>
    /// <returns>True when stale or never seen.</returns>
    public bool IsStale(string symbol, TimeSpan staleAfter) => Age(symbol) is not { } age || age > staleAfter;
}
