namespace QuantPulse.Indicators;

public sealed partial class BollingerBands
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<BollingerBands, BollingerValue>(
        "BB",
        "Bollinger Bands",
        "Mean of the last Period closes plus and minus K population standard deviations.",
        [
            IndicatorParameter.Period(20, 2),
            new IndicatorParameter(
                nameof(K),
                IndicatorParameterType.Number,
                2,
                IndicatorArguments.MinMultiplier,
                IndicatorArguments.MaxMultiplier,
                "The number of standard deviations between the middle and each band."),
        ],
        static spec => new BollingerBands(spec.GetInt32(nameof(Period)), spec.GetValue(nameof(K))),
        static spec =>
        {
            var suffix = IndicatorArguments.Format(spec.GetInt32(nameof(Period))) + "_" + IndicatorArguments.Format(spec.GetValue(nameof(K)));
            return ["bb_middle_" + suffix, "bb_upper_" + suffix, "bb_lower_" + suffix];
        },
        static (in BollingerValue value, Span<double?> columns) =>
        {
            columns[0] = value.Middle;
            columns[1] = value.Upper;
            columns[2] = value.Lower;
        });
}
