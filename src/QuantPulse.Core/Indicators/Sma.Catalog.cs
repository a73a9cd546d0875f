namespace QuantPulse.Indicators;

public sealed partial class Sma
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<Sma>(
        "SMA",
        "Simple moving average",
        "Mean of the last Period closes.",
        [IndicatorParameter.Period(20, 1)],
        static spec => new Sma(spec.GetInt32(nameof(Period))),
        static spec => "sma_" + IndicatorArguments.Format(spec.GetInt32(nameof(Period))));
}
