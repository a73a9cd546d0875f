namespace QuantPulse.Indicators;

public sealed partial record IndicatorSpec
{
    /// <summary>An exponential moving average of the close (<c>EMA</c>).</summary>
    /// <param name="period">The number of periods.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is out of range.</exception>
    public static IndicatorSpec Ema(int period = 20) => Create("EMA", [new("Period", period)]);

    /// <summary>A simple moving average of the close (<c>SMA</c>).</summary>
    /// <param name="period">The number of periods.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is out of range.</exception>
    public static IndicatorSpec Sma(int period = 20) => Create("SMA", [new("Period", period)]);

    /// <summary>A smoothed (Wilder) moving average of the close (<c>SMMA</c>).</summary>
    /// <param name="period">The number of periods.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is out of range.</exception>
    public static IndicatorSpec Smma(int period = 20) => Create("SMMA", [new("Period", period)]);

    /// <summary>A Wilder RSI of the close (<c>RSI</c>).</summary>
    /// <param name="period">The number of periods.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is out of range.</exception>
    public static IndicatorSpec Rsi(int period = 14) => Create("RSI", [new("Period", period)]);

    /// <summary>An average true range (<c>ATR</c>).</summary>
    /// <param name="period">The number of periods.</param>
    /// <param name="seeding">How the first value is formed.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period or the seeding is out of range.</exception>
    public static IndicatorSpec Atr(int period = 14, AtrSeeding seeding = AtrSeeding.Wilder) =>
        Create("ATR", [new("Period", period), new("Seeding", (int)seeding)]);

    /// <summary>The true range (<c>TR</c>).</summary>
    /// <returns>The spec.</returns>
    public static IndicatorSpec TrueRange() => Create("TR");

    /// <summary>MACD with its signal line and histogram (<c>MACD</c>).</summary>
    /// <param name="fast">The fast EMA period.</param>
    /// <param name="slow">The slow EMA period (greater than <paramref name="fast"/>).</param>
    /// <param name="signal">The signal EMA period.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A period is out of range, or slow is not greater than fast.</exception>
    public static IndicatorSpec Macd(int fast = 12, int slow = 26, int signal = 9) =>
        Create("MACD", [new("Fast", fast), new("Slow", slow), new("Signal", signal)]);

    /// <summary>Bollinger Bands of the close with population σ (<c>BB</c>).</summary>
    /// <param name="period">The number of periods.</param>
    /// <param name="k">The number of standard deviations between the middle and each band.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period or K is out of range.</exception>
    public static IndicatorSpec BollingerBands(int period = 20, double k = 2) =>
        Create("BB", [new("Period", period), new("K", k)]);

    /// <summary>A rolling population standard deviation of the close with its z-score (<c>STDEV</c>).</summary>
    /// <param name="period">The number of periods.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is out of range.</exception>
    public static IndicatorSpec StandardDeviation(int period = 20) => Create("STDEV", [new("Period", period)]);

    /// <summary>Heikin-Ashi candles (<c>HA</c>).</summary>
    /// <returns>The spec.</returns>
    public static IndicatorSpec HeikinAshi() => Create("HA");
}
