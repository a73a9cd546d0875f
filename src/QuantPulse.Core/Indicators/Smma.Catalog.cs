using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class Smma : IColumnWriter
{
    internal static IndicatorDescriptor Descriptor { get; } = new(
        "SMMA",
        "Smoothed moving average",
        "Wilder's smoothed average (RMA) of the close, seeded with the simple mean of the first Period closes.",
        typeof(Smma),
        [IndicatorParameter.Period(20, 1)],
        static spec => new Smma(spec.GetInt32(nameof(Period))),
        static spec => ["smma_" + IndicatorArguments.Format(spec.GetInt32(nameof(Period)))]);

    void IColumnWriter.WriteNext(Candle closed, Span<double?> destination) => destination[0] = Next(closed);
}
