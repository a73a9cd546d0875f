namespace QuantPulse.Sources.Simulated;

/// <summary>
/// The price path of one simulated symbol: a driftless geometric Brownian motion (a martingale in price) with a
/// constant annualised volatility, sampled at a fixed step, like Deriv's volatility indices.
/// </summary>
/// <remarks>
/// <para>
/// Each step adds <c>-σ²Δt/2 + σ√Δt·Z</c> to the log price, with <c>Z</c> a standard normal variate from the
/// Marsaglia polar method over <see cref="Xoshiro256StarStar"/>. All arithmetic is portable (see
/// <see cref="PortableMath"/>), so a walk is a pure function of its seed, stream and settings.
/// </para>
/// <para>
/// Prices are rounded half to even to the pip and always carry exactly <c>decimals</c> decimals. They are kept
/// between one pip and 10^15 pips, a bound a realistic run never meets. Not thread-safe.
/// </para>
/// </remarks>
internal sealed class RandomWalk
{
    /// <summary>Seconds in the 365-day year over which the volatility is quoted (synthetic indices trade non-stop).</summary>
    public const double SecondsPerYear = 365.0 * 24 * 60 * 60;

    private const double MaxPips = 1e15;

    private readonly Xoshiro256StarStar _random;
    private readonly double _drift;
    private readonly double _diffusion;
    private readonly double _pipsPerUnit;
    private readonly byte _decimals;
    private double _logPrice;
    private double _spareNormal;
    private bool _hasSpareNormal;
    private bool _started;

    // The arguments come from a validated SimulatedSourceOptions: a positive price, volatility and step, 0-10 decimals.
    public RandomWalk(ulong seed, int stream, decimal startPrice, double volatility, TimeSpan step, int decimals)
    {
        _random = Xoshiro256StarStar.ForStream(seed, (ulong)stream);
        var dt = step.Ticks / (SecondsPerYear * TimeSpan.TicksPerSecond);
        _drift = -0.5 * volatility * volatility * dt;
        _diffusion = volatility * Math.Sqrt(dt);
        _decimals = (byte)decimals;
        _pipsPerUnit = PowerOfTen(decimals);
        _logPrice = PortableMath.Log((double)startPrice);
    }

    /// <summary>The standard deviation of one step's log return, σ√Δt.</summary>
    public double StepDeviation => _diffusion;

    /// <summary>The first call returns the start price (at pip precision); every later call moves one step.</summary>
    public decimal Next()
    {
        if (_started)
        {
            _logPrice += _drift + (_diffusion * NextNormal());
        }

        _started = true;
        return ToPips(PortableMath.Exp(_logPrice));
    }

    /// <summary>A standard normal variate (Marsaglia's polar method, which needs only <c>log</c> and <c>sqrt</c>).</summary>
    internal double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2.0 * _random.NextDouble()) - 1.0;
            v = (2.0 * _random.NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        // Math.Sqrt is correctly rounded by IEEE-754, hence portable.
        var factor = Math.Sqrt(-2.0 * PortableMath.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    private decimal ToPips(double price)
    {
        var pips = Math.Clamp(Math.Round(price * _pipsPerUnit), 1.0, MaxPips);
        var units = (long)pips;
        return new decimal((int)(uint)units, (int)(units >> 32), 0, false, _decimals);
    }

    private static double PowerOfTen(int exponent)
    {
        var result = 1.0;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10.0;
        }

        return result;
    }
}
