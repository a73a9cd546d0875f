namespace QuantPulse.Indicators;

public sealed partial class Atr
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<Atr>(
        "ATR",
        "Average true range",
        "Wilder-smoothed true range. Seeding Wilder (default) starts on candle Period + 1; TradingView starts on candle Period with High - Low as the first true range.",
        [
            IndicatorParameter.Period(14, 1),
            IndicatorParameter.ChoiceOf(nameof(Seeding), AtrSeeding.Wilder, "How the first value is formed: Wilder or TradingView."),
        ],
        static spec => new Atr(spec.GetInt32(nameof(Period)), (AtrSeeding)spec.GetInt32(nameof(Seeding))),
        static spec => ColumnName(spec.GetInt32(nameof(Period)), (AtrSeeding)spec.GetInt32(nameof(Seeding))));

    private static string ColumnName(int period, AtrSeeding seeding) =>
        (seeding == AtrSeeding.Wilder ? "atr_" : "atr_tv_") + IndicatorArguments.Format(period);
}
