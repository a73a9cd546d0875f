namespace QuantPulse.Indicators;

public sealed partial class HeikinAshi
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<HeikinAshi, HeikinAshiValue>(
        "HA",
        "Heikin-Ashi",
        "Averaged candles: close (O+H+L+C)/4, open the mid-point of the previous Heikin-Ashi body.",
        [],
        static _ => new HeikinAshi(),
        static _ => ["ha_open", "ha_high", "ha_low", "ha_close"],
        static (in HeikinAshiValue value, Span<double?> columns) =>
        {
            columns[0] = value.Open;
            columns[1] = value.High;
            columns[2] = value.Low;
            columns[3] = value.Close;
        });
}
