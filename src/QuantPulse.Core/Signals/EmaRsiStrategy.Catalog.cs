namespace QuantPulse.Signals;

internal sealed partial class EmaRsiStrategy
{
    internal static StrategyDescriptor Descriptor { get; } = new(
        "ema-rsi",
        "EMA cross with RSI and trend confirmations",
        "A fast/slow EMA cross triggers; the RSI's side of 50, its room before overbought/oversold and the close's side of a trend EMA confirm.",
        typeof(EmaRsiOptions),
        [
            new(nameof(EmaRsiOptions.FastPeriod), StrategyParameterType.Integer, 9, 1, EmaRsiOptions.MaxPeriod, "The fast EMA period (below SlowPeriod)."),
            new(nameof(EmaRsiOptions.SlowPeriod), StrategyParameterType.Integer, 21, 2, EmaRsiOptions.MaxPeriod, "The slow EMA period."),
            new(nameof(EmaRsiOptions.TrendPeriod), StrategyParameterType.Integer, 50, 1, EmaRsiOptions.MaxPeriod, "The trend EMA period."),
            new(nameof(EmaRsiOptions.RsiPeriod), StrategyParameterType.Integer, 14, 1, EmaRsiOptions.MaxPeriod, "The RSI period."),
            new(nameof(EmaRsiOptions.RsiOverbought), StrategyParameterType.Number, 70, 50, 100, "The RSI level at or above which a buy is not confirmed."),
            new(nameof(EmaRsiOptions.RsiOversold), StrategyParameterType.Number, 30, 0, 50, "The RSI level at or below which a sell is not confirmed."),
            new(nameof(EmaRsiOptions.MinConfirmations), StrategyParameterType.Integer, 2, 0, EmaRsiOptions.ConfirmationCount, "How many of the three confirmations must agree."),
        ],
        static v => StrategySpec.EmaRsi(new EmaRsiOptions
        {
            FastPeriod = (int)v[0],
            SlowPeriod = (int)v[1],
            TrendPeriod = (int)v[2],
            RsiPeriod = (int)v[3],
            RsiOverbought = v[4],
            RsiOversold = v[5],
            MinConfirmations = (int)v[6],
        }));
}
