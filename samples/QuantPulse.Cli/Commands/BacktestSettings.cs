using System.Globalization;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Model;
using QuantPulse.Signals;
using QuantPulse.Simulation;

namespace QuantPulse.Cli.Commands;

/// <summary>What a back-test runs: the strategy, its timeframe, the risk/reward rules and the simulator's settings.</summary>
/// <param name="Strategy">The strategy and its parameters.</param>
/// <param name="Timeframe">The candles the strategy runs on.</param>
/// <param name="Signals">Stop loss and take profit, the minimum reward/risk and confidence.</param>
/// <param name="Simulator">Expiry, open trades per asset, where levels go on the fill.</param>
internal sealed record BacktestSettings(StrategySpec Strategy, Timeframe Timeframe, SignalBlockOptions Signals, SimulatorOptions Simulator)
{
    public const string StopLoss = "--stop-loss";
    public const string TakeProfit = "--take-profit";
    public const string LevelAtrPeriod = "--level-atr-period";
    public const string MinRiskReward = "--min-rr";
    public const string MinConfidence = "--min-confidence";
    public const string Expiry = "--expiry";
    public const string MaxOpenTrades = "--max-open-trades";
    public const string LevelAnchor = "--level-anchor";

    private const string NoExpiry = "none";
    private static readonly RiskRewardOptions DefaultLevels = new();
    private static readonly SignalBlockOptions DefaultSignals = new();
    private static readonly SimulatorOptions DefaultSimulator = new();
    private static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(3650);

    /// <summary>The risk/reward and simulator options, with the library's defaults.</summary>
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(StopLoss, "DIST", "Stop-loss distance from the entry: a multiple of the ATR (1.5atr) or a percentage of the entry (0.5%)", Distance(DefaultLevels.StopLossMode, DefaultLevels.StopLossAtr, DefaultLevels.StopLossPercent)),
        new(TakeProfit, "DIST", "Take-profit distance from the entry, as for --stop-loss (3atr, 1%)", Distance(DefaultLevels.TakeProfitMode, DefaultLevels.TakeProfitAtr, DefaultLevels.TakeProfitPercent)),
        new(LevelAtrPeriod, "N", "Period of the ATR (TradingView seeding) that ATR distances use, 1-100000", Text(DefaultLevels.AtrPeriod)),
        new(MinRiskReward, "X", "Least reward/risk (take-profit distance / stop-loss distance) a signal needs, 0-100", Text(DefaultLevels.MinRiskReward)),
        new(MinConfidence, "X", "Least confidence (share of the strategy's checks that agree) a signal needs, 0-1", Text(DefaultSignals.MinConfidence)),
        new(Expiry, "DURATION", "A trade still open this long after its fill closes as EXPIRED then, at the last price before: 30m, 4h, ... or none", DefaultSimulator.Expiry is { } e ? Duration(e) : NoExpiry),
        new(MaxOpenTrades, "N", "Trades one asset may have open at once (later signals are skipped), 1-10000", Text(DefaultSimulator.MaxOpenTradesPerAsset)),
        new(LevelAnchor, "fill|signal", "fill: levels keep the signal's distances from the fill price; signal: levels stay where the signal put them", Anchor(DefaultSimulator.LevelAnchor)),
    ];

    /// <summary>Reads the risk/reward and simulator options; what is not given keeps the library's default.</summary>
    /// <exception cref="UsageException">A value is malformed or out of range.</exception>
    public static (SignalBlockOptions Signals, SimulatorOptions Simulator) Read(ParsedOptions options)
    {
        var stop = ReadDistance(StopLoss, options.Value(StopLoss), DefaultLevels.StopLossMode, DefaultLevels.StopLossAtr, DefaultLevels.StopLossPercent);
        var target = ReadDistance(TakeProfit, options.Value(TakeProfit), DefaultLevels.TakeProfitMode, DefaultLevels.TakeProfitAtr, DefaultLevels.TakeProfitPercent);
        var levels = new RiskRewardOptions
        {
            StopLossMode = stop.Mode,
            StopLossAtr = stop.Atr,
            StopLossPercent = stop.Percent,
            TakeProfitMode = target.Mode,
            TakeProfitAtr = target.Atr,
            TakeProfitPercent = target.Percent,
            AtrPeriod = options.Value(LevelAtrPeriod) is { } n ? (int)OptionValues.Integer(LevelAtrPeriod, n, 1, 100_000) : DefaultLevels.AtrPeriod,
            MinRiskReward = options.Value(MinRiskReward) is { } rr ? OptionValues.Number(MinRiskReward, rr, 0, 100) : DefaultLevels.MinRiskReward,
        };
        var signals = new SignalBlockOptions
        {
            RiskReward = levels,
            MinConfidence = options.Value(MinConfidence) is { } c ? OptionValues.Number(MinConfidence, c, 0, 1) : DefaultSignals.MinConfidence,
        };
        var simulator = new SimulatorOptions
        {
            Expiry = options.Value(Expiry) is { } e ? ReadExpiry(e) : DefaultSimulator.Expiry,
            MaxOpenTradesPerAsset = options.Value(MaxOpenTrades) is { } m ? (int)OptionValues.Integer(MaxOpenTrades, m, 1, 10_000) : DefaultSimulator.MaxOpenTradesPerAsset,
            LevelAnchor = options.Value(LevelAnchor) is { } a ? ReadAnchor(a) : DefaultSimulator.LevelAnchor,
        };
        return (signals, simulator);
    }

    /// <summary>One line on the levels and filters: <c>stop loss 1.5atr (ATR 14), take profit 3atr, min reward/risk 1.5, min confidence 0</c>.</summary>
    public string DescribeLevels()
    {
        var levels = Signals.RiskReward;
        var atr = levels.StopLossMode == RiskLevelMode.Atr || levels.TakeProfitMode == RiskLevelMode.Atr
            ? $" (ATR {Text(levels.AtrPeriod)})"
            : string.Empty;
        return $"stop loss {Distance(levels.StopLossMode, levels.StopLossAtr, levels.StopLossPercent)}, take profit {Distance(levels.TakeProfitMode, levels.TakeProfitAtr, levels.TakeProfitPercent)}{atr}, min reward/risk {Text(levels.MinRiskReward)}, min confidence {Text(Signals.MinConfidence)}";
    }

    /// <summary>One line on the simulator: <c>expiry 1h, at most 1 open trade per asset, levels anchored to the fill</c>.</summary>
    public string DescribeSimulator() =>
        $"expiry {(Simulator.Expiry is { } e ? Duration(e) : NoExpiry)}, at most {Words.Count(Simulator.MaxOpenTradesPerAsset, "open trade")} per asset, levels anchored to the {Anchor(Simulator.LevelAnchor)}";

    // A distance given in one mode replaces that mode's value; the other mode keeps its default.
    private static (RiskLevelMode Mode, double Atr, double Percent) ReadDistance(string option, string? text, RiskLevelMode mode, double atr, double percent)
    {
        if (text is null)
        {
            return (mode, atr, percent);
        }

        var trimmed = text.Trim();
        if (trimmed.Length > 1 && trimmed.EndsWith('%'))
        {
            return (RiskLevelMode.Percent, atr, OptionValues.Number(option, trimmed[..^1], 0.001, 99));
        }

        if (trimmed.Length > 3 && trimmed.EndsWith("atr", StringComparison.OrdinalIgnoreCase))
        {
            return (RiskLevelMode.Atr, OptionValues.Number(option, trimmed[..^3], 0.01, 100), percent);
        }

        throw new UsageException($"{option}: '{text}' is not a distance (use a multiple of the ATR such as 1.5atr, or a percentage of the entry such as 0.5%)");
    }

    private static TimeSpan? ReadExpiry(string text)
    {
        if (string.Equals(text, NoExpiry, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var expiry = OptionValues.Duration(Expiry, text);
        return expiry <= MaxExpiry ? expiry : throw new UsageException($"{Expiry}: {text} is longer than 3650 days");
    }

    private static TradeLevelAnchor ReadAnchor(string text) => text.ToUpperInvariant() switch
    {
        "FILL" => TradeLevelAnchor.Fill,
        "SIGNAL" => TradeLevelAnchor.Signal,
        _ => throw new UsageException($"{LevelAnchor}: '{text}' is neither fill nor signal"),
    };

    private static string Distance(RiskLevelMode mode, double atr, double percent) =>
        mode == RiskLevelMode.Atr ? Text(atr) + "atr" : Text(percent) + "%";

    private static string Anchor(TradeLevelAnchor anchor) => anchor == TradeLevelAnchor.Fill ? "fill" : "signal";

    private static string Duration(TimeSpan duration) => duration switch
    {
        _ when duration.Ticks % TimeSpan.TicksPerHour == 0 => Text(duration.Ticks / TimeSpan.TicksPerHour) + "h",
        _ when duration.Ticks % TimeSpan.TicksPerMinute == 0 => Text(duration.Ticks / TimeSpan.TicksPerMinute) + "m",
        _ when duration.Ticks % TimeSpan.TicksPerSecond == 0 => Text(duration.Ticks / TimeSpan.TicksPerSecond) + "s",
        _ => Text(duration.TotalMilliseconds) + "ms",
    };

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
