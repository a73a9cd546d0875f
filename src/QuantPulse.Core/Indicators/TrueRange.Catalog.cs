using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class TrueRange : IColumnWriter
{
    internal static IndicatorDescriptor Descriptor { get; } = new(
        "TR",
        "True range",
        "max(High - Low, |High - previous close|, |Low - previous close|); none on the first candle.",
        typeof(TrueRange),
        [],
        static _ => new TrueRange(),
        static _ => ["tr"]);

    void IColumnWriter.WriteNext(Candle closed, Span<double?> destination) => destination[0] = Next(closed);
}
