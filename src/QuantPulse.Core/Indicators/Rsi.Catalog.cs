using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class Rsi : IColumnWriter
{
    internal static IndicatorDescriptor Descriptor { get; } = new(
        "RSI",
        "Relative strength index",
        "Wilder RSI of close-to-close changes, 0 to 100.",
        typeof(Rsi),
        [IndicatorParameter.Period(14, 1)],
        static spec => new Rsi(spec.GetInt32(nameof(Period))),
        static spec => ["rsi_" + IndicatorArguments.Format(spec.GetInt32(nameof(Period)))]);

    void IColumnWriter.WriteNext(Candle closed, Span<double?> destination) => destination[0] = Next(closed);
}
