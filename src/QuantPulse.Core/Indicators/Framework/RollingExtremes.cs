namespace QuantPulse.Indicators;

/// <summary>
/// The highest high and lowest low of the last <c>period</c> bars, in O(1) amortised per bar without allocating:
/// two monotonic queues (a value that can never again be the extreme of a window is dropped at once), each in
/// a ring of <c>period</c> slots.
/// </summary>
internal struct RollingExtremes
{
    private readonly int _period;
    private readonly double[] _highs;
    private readonly long[] _highAt;
    private readonly double[] _lows;
    private readonly long[] _lowAt;
    private int _highHead;
    private int _highCount;
    private int _lowHead;
    private int _lowCount;
    private long _count;

    public RollingExtremes(int period)
    {
        _period = period;
        _highs = new double[period];
        _highAt = new long[period];
        _lows = new double[period];
        _lowAt = new long[period];
    }

    public readonly bool IsFull => _count >= _period;

    /// <summary>The highest high of the window.</summary>
    public readonly double Highest => _highs[_highHead];

    /// <summary>The lowest low of the window.</summary>
    public readonly double Lowest => _lows[_lowHead];

    /// <summary>Adds a bar's high and low, dropping the bar that leaves the window; returns <see cref="IsFull"/>.</summary>
    public bool Add(double high, double low)
    {
        var at = _count++;
        Push(_highs, _highAt, ref _highHead, ref _highCount, high, at, keepGreater: true);
        Push(_lows, _lowAt, ref _lowHead, ref _lowCount, low, at, keepGreater: false);
        return IsFull;
    }

    public void Reset()
    {
        _highHead = _highCount = _lowHead = _lowCount = 0;
        _count = 0;
    }

    private readonly void Push(double[] values, long[] positions, ref int head, ref int count, double x, long at, bool keepGreater)
    {
        var n = _period;

        // The front left the window when it is period or more bars old.
        if (count > 0 && positions[head] <= at - n)
        {
            head = head + 1 == n ? 0 : head + 1;
            count--;
        }

        // Values the new one dominates can never be the extreme again.
        while (count > 0)
        {
            var back = head + count - 1;
            back = back >= n ? back - n : back;
            if (keepGreater ? values[back] > x : values[back] < x)
            {
                break;
            }

            count--;
        }

        var slot = head + count;
        slot = slot >= n ? slot - n : slot;
        values[slot] = x;
        positions[slot] = at;
        count++;
    }
}
