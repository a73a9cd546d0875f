namespace QuantPulse.Indicators;

public sealed partial class Ema
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<Ema>(
        "EMA",
        "Exponential moving average",
        "EMA of the close, seeded with the simple mean of the first Period closes.",
        [IndicatorParameter.Period(20, 1)],
        static spec => new Ema(spec.GetInt32(nameof(Period))),
        static spec => "ema_" + IndicatorArguments.Format(spec.GetInt32(nameof(Period))));
}
