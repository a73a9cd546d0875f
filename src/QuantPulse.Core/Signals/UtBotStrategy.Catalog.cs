namespace QuantPulse.Signals;

internal sealed partial class UtBotStrategy
{
    internal static StrategyDescriptor Descriptor { get; } = new(
        "utbot",
        "UT Bot Alerts",
        "An ATR trailing stop (TradingView ATR) that ratchets with the trend; a buy when the close (or Heikin-Ashi close) crosses above it, a sell when it crosses below.",
        typeof(UtBotOptions),
        [
            new(nameof(UtBotOptions.KeyValue), StrategyParameterType.Number, 1, 0.01, 100, "The sensitivity: the stop sits KeyValue × ATR from the source."),
            new(nameof(UtBotOptions.AtrPeriod), StrategyParameterType.Integer, 10, 1, UtBotOptions.MaxPeriod, "The ATR period (TradingView seeding)."),
            new(nameof(UtBotOptions.UseHeikinAshi), StrategyParameterType.Boolean, 0, 0, 1, "Whether the source is the Heikin-Ashi close."),
            new(nameof(UtBotOptions.TrendPeriod), StrategyParameterType.Integer, 0, 0, UtBotOptions.MaxPeriod, "An optional trend EMA period; 0 switches the trend check off."),
            new(nameof(UtBotOptions.MinConfirmations), StrategyParameterType.Integer, 0, 0, 2, "How many confirmations must agree for a crossing to raise a signal."),
        ],
        static v => StrategySpec.UtBot(new UtBotOptions
        {
            KeyValue = v[0],
            AtrPeriod = (int)v[1],
            UseHeikinAshi = v[2] != 0,
            TrendPeriod = (int)v[3],
            MinConfirmations = (int)v[4],
        }));
}
