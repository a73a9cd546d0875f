namespace QuantPulse.Indicators;

public sealed partial class Smma
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<Smma>(
        "SMMA",
        "Smoothed moving average",
        "Wilder's smoothed average (RMA) of the close, seeded with the simple mean of the first Period closes.",
        [IndicatorParameter.Period(20, 1)],
        static spec => new Smma(spec.GetInt32(nameof(Period))),
        static spec => "smma_" + IndicatorArguments.Format(spec.GetInt32(nameof(Period))));
}
