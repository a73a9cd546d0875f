using System.Globalization;
using System.Text.RegularExpressions;
using QuantPulse.Model;

namespace QuantPulse.Alerts;

/// <summary>One alert: a condition on a symbol's ticks, candles or indicators, and how often it may fire.</summary>
/// <remarks>
/// <para>
/// Price rules (<see cref="AlertCondition.GreaterThan"/> … <see cref="AlertCondition.CrossingDown"/> without an
/// <see cref="Indicator"/>) are evaluated on every tick against <see cref="Level"/>. With an <see cref="Indicator"/>
/// the same conditions are evaluated on each closed candle of <see cref="Interval"/>, against <see cref="Level"/> or
/// <see cref="OtherIndicator"/>. The other conditions are evaluated on closed candles too. See docs/alerts.md.
/// </para>
/// <para>Times (cooldown, expiry, bars) are the market data's own times, so a replay fires what the live run fired.</para>
/// </remarks>
public sealed partial record AlertRule
{
    /// <summary>The longest name, symbol or indicator accepted.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The most candles a rule may look back.</summary>
    public const int MaxCandles = 10_000;

    /// <summary>The database ID; 0 before the rule is stored.</summary>
    public long Id { get; init; }

    /// <summary>A name shown with each trigger; unique among the rules declared in configuration.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The symbol watched (for a pair rule, the leg <c>a</c>).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>The condition.</summary>
    public AlertCondition Condition { get; init; }

    /// <summary>The level a price or indicator is compared with.</summary>
    public double? Level { get; init; }

    /// <summary>The indicator column compared (<c>rsi_14</c>, <c>ema_20</c>…); null compares the tick price.</summary>
    public string? Indicator { get; init; }

    /// <summary>An indicator column to compare <see cref="Indicator"/> with instead of <see cref="Level"/>.</summary>
    public string? OtherIndicator { get; init; }

    /// <summary>For <see cref="AlertCondition.PairZScore"/>: the leg <c>b</c> of the spread <c>b − hedge_ratio·a</c>.</summary>
    public string? OtherSymbol { get; init; }

    /// <summary>For the moving conditions: the move in percent (positive).</summary>
    public double? Percent { get; init; }

    /// <summary>For <see cref="AlertCondition.VolumeSpike"/>: how many times the mean volume (greater than 0).</summary>
    public double? Factor { get; init; }

    /// <summary>For <see cref="AlertCondition.PairZScore"/>: the z-score threshold (positive); fires when |z| is above it.</summary>
    public double? Threshold { get; init; }

    /// <summary>The number of candles: the move's span, the volume mean's length, or the z-score's window.</summary>
    public int? Candles { get; init; }

    /// <summary>For <see cref="AlertCondition.PairZScore"/>: β in the spread <c>b − β·a</c>. Default 1.</summary>
    public double HedgeRatio { get; init; } = 1;

    /// <summary>The candle timeframe of candle rules, and the bar of <see cref="AlertFrequency.OncePerBar"/>. Default 1m.</summary>
    public Timeframe Interval { get; init; } = Timeframe.OneMinute;

    /// <summary>How often the rule may fire. Default <see cref="AlertFrequency.OncePerBar"/>.</summary>
    public AlertFrequency Frequency { get; init; } = AlertFrequency.OncePerBar;

    /// <summary>The least time between two triggers of the rule, in market time. Default zero.</summary>
    public TimeSpan Cooldown { get; init; }

    /// <summary>When the rule stops firing (market time), or null for never.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Whether the rule is evaluated.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Where the rule comes from: <c>configuration</c> or <c>api</c>.</summary>
    public string Origin { get; init; } = AlertOrigins.Api;

    /// <summary>Whether the rule is evaluated on ticks (a price rule) rather than on closed candles.</summary>
    public bool IsOnTicks => Condition <= AlertCondition.CrossingDown && Indicator is null;

    /// <summary>Checks the rule's fields together.</summary>
    /// <returns>The first problem in one line, naming the field, or null when the rule is valid.</returns>
    public string? Validate()
    {
        if (Name.Length > MaxNameLength)
        {
            return $"'name' is longer than {MaxNameLength} characters.";
        }

        if (!IsName(Symbol))
        {
            return "'symbol' is missing or not a valid symbol.";
        }

        if (!Interval.IsValid)
        {
            return "'interval' is not a timeframe.";
        }

        if (Cooldown < TimeSpan.Zero)
        {
            return "'cooldown' must not be negative.";
        }

        if (!Enum.IsDefined(Condition))
        {
            return "'condition' is not a known condition.";
        }

        return Condition switch
        {
            <= AlertCondition.CrossingDown => ValidateComparison(),
            AlertCondition.MovingUpPct or AlertCondition.MovingDownPct =>
                !IsPositive(Percent) ? "'percent' must be a positive number." : ValidateCandles(1),
            AlertCondition.VolumeSpike =>
                !IsPositive(Factor) ? "'factor' must be a positive number." : ValidateCandles(1),
            _ => ValidatePair(),
        };
    }

    /// <summary>A one-line description, such as <c>R_100 price crossing_up 1250</c>.</summary>
    /// <returns>The description.</returns>
    public string Describe()
    {
        var c = AlertNames.Of(Condition);
        return Condition switch
        {
            <= AlertCondition.CrossingDown when Indicator is null => $"{Symbol} price {c} {Number(Level)}",
            <= AlertCondition.CrossingDown => $"{Symbol} {Indicator} ({Interval.Name}) {c} {OtherIndicator ?? Number(Level)}",
            AlertCondition.MovingUpPct or AlertCondition.MovingDownPct => $"{Symbol} {c} {Number(Percent)}% over {Candles} {Interval.Name} candles",
            AlertCondition.VolumeSpike => $"{Symbol} volume > {Number(Factor)} x mean of {Candles} {Interval.Name} candles",
            _ => $"{OtherSymbol} - {Number(HedgeRatio)} x {Symbol} z-score ({Candles} {Interval.Name} candles) beyond ±{Number(Threshold)}",
        };
    }

    private static string Number(double? value) => value?.ToString("G10", CultureInfo.InvariantCulture) ?? "?";

    private static bool IsPositive(double? value) => value is { } v && double.IsFinite(v) && v > 0;

    private static bool IsName(string? text) => text is { Length: > 0 and <= MaxNameLength } && NamePattern().IsMatch(text);

    private string? ValidateComparison()
    {
        if (Indicator is null)
        {
            if (OtherIndicator is not null)
            {
                return "'other_indicator' needs 'indicator'.";
            }

            return Level is { } level && double.IsFinite(level) && level > 0 ? null : "'level' must be a positive price.";
        }

        if (!IsName(Indicator))
        {
            return "'indicator' is not a valid indicator column (such as rsi_14 or ema_20).";
        }

        if (OtherIndicator is not null)
        {
            return !IsName(OtherIndicator) ? "'other_indicator' is not a valid indicator column."
                : Level is not null ? "Give either 'level' or 'other_indicator', not both."
                : null;
        }

        return Level is { } l && double.IsFinite(l) ? null : "'level' (or 'other_indicator') is required.";
    }

    private string? ValidateCandles(int least) =>
        Candles is { } n && n >= least && n <= MaxCandles ? null : $"'candles' must be a whole number from {least} to {MaxCandles}.";

    private string? ValidatePair()
    {
        if (!IsName(OtherSymbol) || string.Equals(OtherSymbol, Symbol, StringComparison.Ordinal))
        {
            return "'other_symbol' is missing, not a valid symbol, or the same as 'symbol'.";
        }

        if (!IsPositive(Threshold))
        {
            return "'threshold' must be a positive number.";
        }

        return !double.IsFinite(HedgeRatio) ? "'hedge_ratio' must be a finite number." : ValidateCandles(2);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
