namespace QuantPulse.Indicators;

public sealed partial class Rsi
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<Rsi>(
        "RSI",
        "Relative strength index",
        "Wilder RSI of close-to-close changes, 0 to 100.",
        [IndicatorParameter.Period(14, 1)],
        static spec => new Rsi(spec.GetInt32(nameof(Period))),
        static spec => "rsi_" + IndicatorArguments.Format(spec.GetInt32(nameof(Period))));
}
