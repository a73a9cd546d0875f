using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class Ema : IColumnWriter
{
    internal static IndicatorDescriptor Descriptor { get; } = new(
        "EMA",
        "Exponential moving average",
        "EMA of the close, seeded with the simple mean of the first Period closes.",
        typeof(Ema),
        [IndicatorParameter.Period(20, 1)],
        static spec => new Ema(spec.GetInt32(nameof(Period))),
        static spec => ["ema_" + IndicatorArguments.Format(spec.GetInt32(nameof(Period)))]);

    void IColumnWriter.WriteNext(Candle closed, Span<double?> destination) => destination[0] = Next(closed);
}
