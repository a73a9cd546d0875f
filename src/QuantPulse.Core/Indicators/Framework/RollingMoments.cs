namespace QuantPulse.Indicators;

/// <summary>
/// Mean and population variance of the last <c>period</c> values, updated in O(1) (amortised) per value and
/// numerically stable when the level is large and the spread tiny (BTC at 17 000 moving by cents).
/// </summary>
/// <remarks>
/// <para>
/// The statistics are kept on <c>x − shift</c>, where <c>shift</c> is a value taken from the window, so the
/// numbers being added and removed are of the size of the spread, not of the price. Replacing the oldest value
/// uses Welford's add/remove update of the mean and of the sum of squared deviations (never a sum of squares,
/// which would cancel catastrophically).
/// </para>
/// <para>
/// Rounding in the update accumulates, so every <c>period</c> updates the window is recomputed exactly with two
/// passes (mean, then squared deviations) and a fresh shift: O(period) once per <c>period</c> values keeps the
/// cost O(1) amortised and bounds the drift to that of <c>period</c> updates. The absolute rounding error of the
/// update is proportional to the largest spread seen since the last exact pass, so when the spread collapses
/// (a burst leaves the window) the window is recomputed at once; such a collapse needs wide values to enter and
/// then leave, so it too happens at most about once per <c>period</c> values. A window whose values are all
/// identical has a variance of exactly zero, which the update alone could miss by a rounding residue, so runs
/// of equal values are tracked and short-cut.
/// </para>
/// </remarks>
internal struct RollingMoments
{
    /// <summary>A fall of the squared deviations below this share of their peak since the last exact pass triggers a new one.</summary>
    private const double CancellationRatio = 1.0 / 4096;

    private readonly double[] _window; // ring buffer; once full, _next is the slot of the oldest value
    private int _count;
    private int _next;
    private double _shift;
    private double _shiftedMean;
    private double _m2;
    private double _m2Peak;
    private int _sinceResync;
    private double _last;
    private int _run;

    public RollingMoments(int period) => _window = new double[period];

    public readonly int Period => _window.Length;

    public readonly bool IsFull => _count == _window.Length;

    /// <summary>The mean of the window (defined once <see cref="IsFull"/>).</summary>
    public readonly double Mean => _shift + _shiftedMean;

    /// <summary>The population standard deviation of the window (defined once <see cref="IsFull"/>).</summary>
    public readonly double StandardDeviation => Math.Sqrt(_m2 / _window.Length);

    /// <summary>Adds a value, dropping the oldest once the window is full; returns <see cref="IsFull"/>.</summary>
    public bool Add(double x)
    {
        var window = _window;
        var n = window.Length;

        if (_run > 0 && x == _last)
        {
            _run++;
        }
        else
        {
            _last = x;
            _run = 1;
        }

        var old = window[_next];
        window[_next] = x;
        if (++_next == n)
        {
            _next = 0;
        }

        if (_count < n)
        {
            if (++_count < n)
            {
                return false;
            }

            Resync();
            return true;
        }

        if (_run >= n)
        {
            // Every value in the window equals x.
            _shift = x;
            _shiftedMean = 0;
            _m2 = 0;
            _m2Peak = 0;
            _sinceResync = 0;
            return true;
        }

        if (++_sinceResync >= n)
        {
            Resync();
            return true;
        }

        var added = x - _shift;
        var removed = old - _shift;
        var previousMean = _shiftedMean;
        var delta = added - removed;
        _shiftedMean = previousMean + (delta / n);
        _m2 += delta * (added - _shiftedMean + (removed - previousMean));
        if (_m2 > _m2Peak)
        {
            _m2Peak = _m2;
        }
        else if (_m2 < _m2Peak * CancellationRatio)
        {
            // Wide values just left the window: what remains is the rounding of the large sums they brought, so
            // recompute rather than carry an error far larger than the new, small spread.
            Resync();
        }

        return true;
    }

    public void Reset()
    {
        Array.Clear(_window);
        _count = 0;
        _next = 0;
        _shift = 0;
        _shiftedMean = 0;
        _m2 = 0;
        _m2Peak = 0;
        _sinceResync = 0;
        _last = 0;
        _run = 0;
    }

    private void Resync()
    {
        var window = _window;
        var n = window.Length;
        var oldest = _next;
        var shift = window[oldest];

        // Arrival order, oldest first, so the mean is summed the way a plain windowed mean sums it.
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var j = oldest + i;
            sum += window[j < n ? j : j - n] - shift;
        }

        var mean = sum / n;
        var m2 = 0.0;
        for (var i = 0; i < n; i++)
        {
            var d = window[i] - shift - mean;
            m2 += d * d;
        }

        _shift = shift;
        _shiftedMean = mean;
        _m2 = m2;
        _m2Peak = m2;
        _sinceResync = 0;
    }
}
