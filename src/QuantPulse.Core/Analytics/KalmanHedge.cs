namespace QuantPulse.Analytics;

/// <summary>
/// A Kalman filter for a time-varying hedge ratio: <c>b_t = β_t·a_t + α_t + v_t</c>, <c>v_t ~ N(0, Ve)</c>, with the
/// state <c>[β, α]</c> a random walk whose increments have covariance <c>δ/(1−δ)·I</c>.
/// </summary>
/// <remarks>
/// The start is exactly diffuse (infinite prior variance): observations are absorbed in information form until
/// β and α are identified (two observations with different <c>a</c>); from then on the ordinary predict/update
/// recursion runs, the process noise being added before each later observation. With δ = 0 the filter is
/// recursive least squares from an exact start, so its last state equals the OLS fit of all observations.
/// </remarks>
public sealed class KalmanHedge
{
    private readonly double _q;
    private readonly double _ve;
    private double _j00, _j01, _j11, _u0, _u1;
    private double _beta, _alpha, _p00, _p01, _p11;

    /// <summary>Creates a filter.</summary>
    /// <param name="delta">δ in [0, 1): the state's increments have covariance δ/(1−δ)·I.</param>
    /// <param name="observationVariance">Ve &gt; 0.</param>
    public KalmanHedge(double delta = 1e-4, double observationVariance = 1e-3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delta);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(delta, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(observationVariance);
        _q = delta / (1 - delta);
        _ve = observationVariance;
    }

    /// <summary>Whether β and α are identified.</summary>
    public bool IsReady { get; private set; }

    /// <summary>Filters the whole series.</summary>
    /// <param name="a">The regressor.</param>
    /// <param name="b">The dependent series.</param>
    /// <param name="delta">δ.</param>
    /// <param name="observationVariance">Ve.</param>
    /// <returns>One step per observation; null until identified.</returns>
    public static KalmanStep?[] Filter(IReadOnlyList<double> a, IReadOnlyList<double> b, double delta = 1e-4, double observationVariance = 1e-3)
    {
        var n = HedgeRatio.Check(a, b);
        var filter = new KalmanHedge(delta, observationVariance);
        var path = new KalmanStep?[n];
        for (var i = 0; i < n; i++)
        {
            path[i] = filter.Update(a[i], b[i]);
        }

        return path;
    }

    /// <summary>Absorbs one observation.</summary>
    /// <param name="a">a_t.</param>
    /// <param name="b">b_t.</param>
    /// <returns>The filtered state, or null while it is not identified.</returns>
    public KalmanStep? Update(double a, double b)
    {
        if (!IsReady)
        {
            _j00 += a * a / _ve;
            _j01 += a / _ve;
            _j11 += 1 / _ve;
            _u0 += a * b / _ve;
            _u1 += b / _ve;
            var det = (_j00 * _j11) - (_j01 * _j01);
            if (!(det > 1e-12 * _j00 * _j11))
            {
                return null;
            }

            _p00 = _j11 / det;
            _p01 = -_j01 / det;
            _p11 = _j00 / det;
            _beta = (_p00 * _u0) + (_p01 * _u1);
            _alpha = (_p01 * _u0) + (_p11 * _u1);
            IsReady = true;
            return Current;
        }

        _p00 += _q;
        _p11 += _q;
        var ph0 = (_p00 * a) + _p01;
        var ph1 = (_p01 * a) + _p11;
        var s = (a * ph0) + ph1 + _ve;
        var k0 = ph0 / s;
        var k1 = ph1 / s;
        var e = b - (_beta * a) - _alpha;
        _beta += k0 * e;
        _alpha += k1 * e;
        _p00 -= k0 * ph0;
        _p01 -= k0 * ph1;
        _p11 -= k1 * ph1;
        return Current;
    }

    private KalmanStep Current => new(_beta, _alpha, _p00, _p11);
}
