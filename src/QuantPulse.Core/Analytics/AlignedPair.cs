using QuantPulse.Model;

namespace QuantPulse.Analytics;

/// <summary>The closes of two candle series aligned on open time (inner join: only the times both series have).</summary>
public sealed class AlignedPair
{
    private AlignedPair(DateTimeOffset[] times, double[] a, double[] b)
    {
        Times = times;
        A = a;
        B = b;
    }

    /// <summary>The common open times, ascending.</summary>
    public IReadOnlyList<DateTimeOffset> Times { get; }

    /// <summary>The closes of the first series at <see cref="Times"/>.</summary>
    public IReadOnlyList<double> A { get; }

    /// <summary>The closes of the second series at <see cref="Times"/>.</summary>
    public IReadOnlyList<double> B { get; }

    /// <summary>How many bars are aligned.</summary>
    public int Count => Times.Count;

    /// <summary>The latest <paramref name="count"/> bars (all of them when there are fewer).</summary>
    /// <param name="count">How many bars to keep.</param>
    /// <returns>The bars.</returns>
    public AlignedPair Latest(int count)
    {
        var skip = Math.Max(0, Count - Math.Max(0, count));
        return skip == 0 ? this : new AlignedPair([.. Times.Skip(skip)], [.. A.Skip(skip)], [.. B.Skip(skip)]);
    }

    /// <summary>Aligns two series on open time (<see cref="CandleAlignment.InnerJoin"/>).</summary>
    /// <param name="a">The first series, in any order.</param>
    /// <param name="b">The second series, in any order.</param>
    /// <returns>The closes at the open times both have; open candles are left out.</returns>
    /// <exception cref="ArgumentNullException">A series is null.</exception>
    /// <exception cref="ArgumentException">A series holds two closed candles with one open time.</exception>
    public static AlignedPair Join(IReadOnlyList<Candle> a, IReadOnlyList<Candle> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var aligned = CandleAlignment.InnerJoin([a, b]);
        return new AlignedPair([.. aligned.Times], aligned.Closes[0], aligned.Closes[1]);
    }
}
