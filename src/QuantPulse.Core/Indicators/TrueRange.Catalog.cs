namespace QuantPulse.Indicators;

public sealed partial class TrueRange
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<TrueRange>(
        "TR",
        "True range",
        "max(High - Low, |High - previous close|, |Low - previous close|); none on the first candle.",
        [],
        static _ => new TrueRange(),
        static _ => "tr");
}
