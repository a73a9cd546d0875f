using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class Stochastic
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<Stochastic, StochasticValue>(
        "STOCH",
        "Stochastic oscillator",
        "Position of the close in the Period high-low range, smoothed over Smooth candles (%K), with its Signal-candle mean (%D).",
        [
            IndicatorParameter.Period(14, 1),
            IndicatorParameter.Period("Signal", 3, 1, "The %D period: candles in the mean of %K."),
            IndicatorParameter.Period("Smooth", 3, 1, "The %K smoothing period (1 for the fast stochastic)."),
        ],
        static spec => new Stochastic(spec.GetInt32(nameof(Period)), spec.GetInt32("Signal"), spec.GetInt32("Smooth")),
        static spec =>
        {
            var suffix = IndicatorArguments.Format(spec.GetInt32(nameof(Period))) + "_" + IndicatorArguments.Format(spec.GetInt32("Signal"))
                + "_" + IndicatorArguments.Format(spec.GetInt32("Smooth"));
            return ["stoch_k_" + suffix, "stoch_d_" + suffix];
        },
        static (in StochasticValue value, Span<double?> columns) =>
        {
            columns[0] = value.K;
            columns[1] = value.D;
        });
}

public static partial class CandleIndicatorExtensions
{
    /// <summary>Stochastic oscillator (see <see cref="Stochastic"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The look-back of the high-low range.</param>
    /// <param name="signalPeriod">The %D period.</param>
    /// <param name="smoothPeriod">The %K smoothing period.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A period is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<StochasticValue>> ToStochastic(
        this IReadOnlyList<Candle> candles, int period = 14, int signalPeriod = 3, int smoothPeriod = 3) =>
        candles.ToSeries(new Stochastic(period, signalPeriod, smoothPeriod));
}
