using QuantPulse.Model;

namespace QuantPulse.Storage;

/// <summary>
/// A filtered, paged read of stored signals or trades: a half-open time range [<see cref="From"/>, <see cref="To"/>),
/// an asset, a strategy, and a page of the rows ordered newest first.
/// </summary>
/// <remarks>The store applies every part in its query (an index range where one exists), never in memory.</remarks>
public abstract record StoreFilter
{
    /// <summary>Inclusive start, or unbounded when null. Truncated to the microsecond like every stored instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive end, or unbounded when null. Truncated to the microsecond like every stored instant.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only this asset (exact match), or every asset when null.</summary>
    public string? Asset { get; init; }

    /// <summary>Only this strategy, matched ignoring ASCII case, or every strategy when null.</summary>
    public string? Strategy { get; init; }

    /// <summary>How many of the matching rows, newest first, to skip before the page. Default 0.</summary>
    public int Offset { get; init; }

    /// <summary>At most this many rows. Default 500.</summary>
    public int Limit { get; init; } = 500;

    /// <summary>Throws when the filter cannot be run.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Offset"/> or <see cref="Limit"/> is negative.</exception>
    /// <exception cref="ArgumentException"><see cref="To"/> is before <see cref="From"/>.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(Limit);
        if (From is { } from && To is { } to && to < from)
        {
            throw new ArgumentException($"The range ends ({to:O}) before it starts ({from:O}).", nameof(To));
        }
    }
}

/// <summary>A filter over stored signals, by signal time.</summary>
public sealed record SignalStoreFilter : StoreFilter
{
    /// <summary>Only this direction, or both when null.</summary>
    public SignalType? Type { get; init; }
}

/// <summary>A filter over stored trades, by open time; the strategy is the one of the signal that opened the trade.</summary>
public sealed record TradeStoreFilter : StoreFilter
{
    /// <summary>Only trades closed with this result, or any when null.</summary>
    public TradeResult? Result { get; init; }

    /// <summary>Only open (<c>true</c>) or closed (<c>false</c>) trades, or both when null.</summary>
    public bool? Open { get; init; }
}
