using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class Sma : IColumnWriter
{
    internal static IndicatorDescriptor Descriptor { get; } = new(
        "SMA",
        "Simple moving average",
        "Mean of the last Period closes.",
        typeof(Sma),
        [IndicatorParameter.Period(20, 1)],
        static spec => new Sma(spec.GetInt32(nameof(Period))),
        static spec => ["sma_" + IndicatorArguments.Format(spec.GetInt32(nameof(Period)))]);

    void IColumnWriter.WriteNext(Candle closed, Span<double?> destination) => destination[0] = Next(closed);
}
