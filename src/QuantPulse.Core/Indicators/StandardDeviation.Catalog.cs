namespace QuantPulse.Indicators;

public sealed partial class StandardDeviation
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<StandardDeviation, StandardDeviationValue>(
        "STDEV",
        "Standard deviation",
        "Population standard deviation of the last Period closes, with the z-score of the close.",
        [IndicatorParameter.Period(20, 2)],
        static spec => new StandardDeviation(spec.GetInt32(nameof(Period))),
        static spec =>
        {
            var period = IndicatorArguments.Format(spec.GetInt32(nameof(Period)));
            return ["stdev_" + period, "zscore_" + period];
        },
        static (in StandardDeviationValue value, Span<double?> columns) =>
        {
            columns[0] = value.StdDev;
            columns[1] = value.ZScore;
        });
}
