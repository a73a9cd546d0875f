using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class StandardDeviation : IColumnWriter
{
    internal static IndicatorDescriptor Descriptor { get; } = new(
        "STDEV",
        "Standard deviation",
        "Population standard deviation of the last Period closes, with the z-score of the close.",
        typeof(StandardDeviation),
        [IndicatorParameter.Period(20, 2)],
        static spec => new StandardDeviation(spec.GetInt32(nameof(Period))),
        static spec =>
        {
            var period = IndicatorArguments.Format(spec.GetInt32(nameof(Period)));
            return ["stdev_" + period, "zscore_" + period];
        });

    void IColumnWriter.WriteNext(Candle closed, Span<double?> destination)
    {
        var value = Next(closed);
        destination[0] = value?.StdDev;
        destination[1] = value?.ZScore;
    }
}
